package com.shopbff.notifications.preferences;

import java.util.List;

/** A customer's channel choices; in-app notifications are always on. */
public record Preferences(boolean emailEnabled, List<String> emailDisabledKinds) {
    public static final Preferences DEFAULT = new Preferences(true, List.of());

    public Preferences {
        emailDisabledKinds = List.copyOf(emailDisabledKinds);
    }

    public boolean wantsEmail(String kind) {
        return emailEnabled && !emailDisabledKinds.contains(kind);
    }
}
