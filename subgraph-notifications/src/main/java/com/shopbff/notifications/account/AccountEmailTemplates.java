package com.shopbff.notifications.account;

import com.shopbff.contracts.CustomerEvent.AccountEmailKind;
import com.shopbff.contracts.CustomerEvent.AccountEmailRequested;

import java.time.Duration;
import java.time.Instant;

/** The texts of account emails (verification, password reset, security notices): one template per kind. */
public final class AccountEmailTemplates {
    private AccountEmailTemplates() {}

    public record Email(String subject, String body) {}

    public static Email render(AccountEmailRequested r, Instant now) {
        String validity = r.expiresAt() == null ? "" : " The link works for " + duration(Duration.between(now, r.expiresAt())) + " and only once.";
        return switch (r.kind()) {
            case VERIFY_EMAIL -> new Email("Confirm your email address",
                    "Please confirm that this is your email address by opening this link:\n\n" + r.link() + "\n\n" + validity.strip()
                            + "\nUntil then you can browse and fill your cart; checkout needs a confirmed address.\n"
                            + "If you did not create an account, ignore this email.\n");
            case CONFIRM_NEW_EMAIL -> new Email("Confirm your new email address",
                    "You asked to use this address for your shop account. Confirm it by opening this link:\n\n" + r.link() + "\n\n"
                            + validity.strip() + "\nUntil you do, your account keeps its current address. If this was not you, ignore this email.\n");
            case PASSWORD_RESET -> new Email("Reset your password",
                    "Someone (hopefully you) asked to reset the password of your shop account. Choose a new password here:\n\n"
                            + r.link() + "\n\n" + validity.strip()
                            + "\nIf you did not ask for this, ignore this email: your password stays as it is.\n");
            case PASSWORD_CHANGED -> new Email("Your password was changed",
                    "The password of your shop account was just changed, and every other session was signed out.\n"
                            + "If this was not you, reset your password at once with \"Forgot password\".\n");
            case EMAIL_CHANGED -> new Email("Your account's email address was changed",
                    "Your shop account now uses another email address; this one will no longer receive its emails.\n"
                            + "If this was not you, contact us at once.\n");
        };
    }

    /** Whether emails of this kind carry a single-use link (and are pointless once it has expired). */
    static boolean hasLink(AccountEmailKind kind) {
        return kind == AccountEmailKind.VERIFY_EMAIL || kind == AccountEmailKind.CONFIRM_NEW_EMAIL || kind == AccountEmailKind.PASSWORD_RESET;
    }

    private static String duration(Duration d) {
        long minutes = Math.max(1, (d.toSeconds() + 59) / 60);
        if (minutes % (24 * 60) == 0 && minutes > 48 * 60) return minutes / (24 * 60) + " days";
        if (minutes % 60 == 0) return minutes / 60 + (minutes == 60 ? " hour" : " hours");
        return minutes + " minutes";
    }
}
