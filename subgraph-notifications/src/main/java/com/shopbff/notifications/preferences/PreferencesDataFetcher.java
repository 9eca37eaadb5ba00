package com.shopbff.notifications.preferences;

import com.netflix.graphql.dgs.DgsComponent;
import com.netflix.graphql.dgs.DgsMutation;
import com.netflix.graphql.dgs.DgsQuery;
import com.netflix.graphql.dgs.InputArgument;
import com.shopbff.notifications.generated.DgsConstants;
import com.shopbff.notifications.generated.types.NotificationPreferences;
import com.shopbff.notifications.generated.types.NotificationPreferencesInput;
import com.shopbff.notifications.generated.types.NotificationPreferencesPayload;
import com.shopbff.notifications.generated.types.UserError;
import com.shopbff.notifications.notification.NotificationTemplates;
import com.shopbff.support.auth.Auth;
import com.shopbff.support.auth.Viewer;
import graphql.schema.DataFetchingEnvironment;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/** The caller's channel preferences: email on or off, overall and per notification kind. */
@DgsComponent
public class PreferencesDataFetcher {
    private static final int MAX_REPORTED_ERRORS = 10;
    private final PreferencesRepository preferences;

    public PreferencesDataFetcher(PreferencesRepository preferences) {
        this.preferences = preferences;
    }

    @DgsQuery(field = DgsConstants.QUERY.MyNotificationPreferences)
    public NotificationPreferences myNotificationPreferences(DataFetchingEnvironment env) {
        Viewer viewer = Auth.requireSignedIn(env);
        return toGraphQL(preferences.find(viewer.customerId()));
    }

    @DgsMutation(field = DgsConstants.MUTATION.UpdateNotificationPreferences)
    public NotificationPreferencesPayload updateNotificationPreferences(@InputArgument NotificationPreferencesInput input,
                                                                        DataFetchingEnvironment env) {
        Viewer viewer = Auth.requireSignedIn(env);
        Preferences current = preferences.find(viewer.customerId());
        List<UserError> errors = new ArrayList<>();
        List<String> kinds = current.emailDisabledKinds();
        if (input.getEmailDisabledKinds() != null) {
            List<String> given = input.getEmailDisabledKinds();
            for (int i = 0; i < given.size() && errors.size() < MAX_REPORTED_ERRORS; i++) {
                if (!NotificationTemplates.KINDS.contains(given.get(i))) {
                    errors.add(UserError.newBuilder().code("UNKNOWN_KIND")
                            .field(List.of(DgsConstants.MUTATION.UPDATENOTIFICATIONPREFERENCES_INPUT_ARGUMENT.Input,
                                    DgsConstants.NOTIFICATIONPREFERENCESINPUT.EmailDisabledKinds, String.valueOf(i)))
                            .message("unknown notification kind; known kinds: " + NotificationTemplates.KINDS.stream().sorted().toList())
                            .build());
                }
            }
            kinds = List.copyOf(new LinkedHashSet<>(given));
        }
        if (!errors.isEmpty()) return NotificationPreferencesPayload.newBuilder().userErrors(errors).build();
        boolean email = input.getEmailEnabled() == null ? current.emailEnabled() : input.getEmailEnabled();
        Preferences saved = preferences.save(viewer.customerId(), new Preferences(email, kinds));
        return NotificationPreferencesPayload.newBuilder().preferences(toGraphQL(saved)).userErrors(List.of()).build();
    }

    private static NotificationPreferences toGraphQL(Preferences p) {
        return NotificationPreferences.newBuilder().emailEnabled(p.emailEnabled()).emailDisabledKinds(p.emailDisabledKinds()).build();
    }
}
