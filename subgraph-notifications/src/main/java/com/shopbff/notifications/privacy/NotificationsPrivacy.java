package com.shopbff.notifications.privacy;

import com.shopbff.notifications.account.AccountEmails;
import com.shopbff.notifications.customer.CustomerDirectory;
import com.shopbff.notifications.notification.NotificationRepository;
import com.shopbff.notifications.notification.NotificationService;
import com.shopbff.notifications.notification.StoredNotification;
import com.shopbff.notifications.preferences.Preferences;
import com.shopbff.notifications.preferences.PreferencesRepository;
import com.shopbff.support.privacy.PrivacyReplies;
import org.springframework.stereotype.Service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The notifications subgraph's part of the customer subgraph's privacy requests: erasure (notifications,
 * preferences, contact, dead letters, account emails) and the data export (notification history, preferences, the
 * contact details it keeps).
 */
@Service
public class NotificationsPrivacy {
    private static final int PAGE = 500;
    private final NotificationService notifications;
    private final NotificationRepository repository;
    private final PreferencesRepository preferences;
    private final CustomerDirectory customers;
    private final AccountEmails accountEmails;
    private final PrivacyReplies replies;

    public NotificationsPrivacy(NotificationService notifications, NotificationRepository repository, PreferencesRepository preferences,
                                CustomerDirectory customers, AccountEmails accountEmails, PrivacyReplies replies) {
        this.notifications = notifications;
        this.repository = repository;
        this.preferences = preferences;
        this.customers = customers;
        this.accountEmails = accountEmails;
        this.replies = replies;
    }

    public void erase(String customerId) {
        long deleted = notifications.eraseCustomer(customerId);
        long emails = accountEmails.eraseCustomer(customerId);
        replies.sendErasureCompleted(customerId, deleted + " notifications, preferences, contact details"
                + (emails > 0 ? ", " + emails + " account emails" : "") + " erased");
    }

    public void export(String customerId, String exportId) {
        Map<String, Object> part = new LinkedHashMap<>();
        Optional<CustomerDirectory.Contact> contact = customers.find(customerId);
        part.put("contact", contact.map(c -> Map.of("email", c.email(), "name", c.name() == null ? "" : c.name())).orElse(null));
        Preferences p = preferences.find(customerId);
        part.put("preferences", Map.of("emailEnabled", p.emailEnabled(), "emailDisabledKinds", p.emailDisabledKinds()));
        List<Map<String, Object>> history = new ArrayList<>();
        NotificationRepository.Position after = null;
        while (true) {
            List<StoredNotification> page = repository.page(customerId, false, after, PAGE);
            for (StoredNotification n : page) {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("kind", n.kind());
                e.put("title", n.title());
                e.put("body", n.body());
                e.put("orderId", n.orderId());
                e.put("read", n.read());
                e.put("createdAt", n.createdAt().toString());
                history.add(e);
            }
            if (page.size() < PAGE) break;
            after = new NotificationRepository.Position(page.getLast().createdAt(), page.getLast().id());
        }
        part.put("notifications", history);
        replies.sendExportPart(customerId, exportId, part);
    }
}
