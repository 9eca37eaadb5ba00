package com.shopbff.notifications.channel;

import com.shopbff.notifications.config.NotificationsProperties;
import com.shopbff.notifications.customer.CustomerDirectory.Contact;
import com.shopbff.notifications.notification.StoredNotification;
import com.shopbff.notifications.preferences.Preferences;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * Email over SMTP through Spring Mail. Enabled when {@code spring.mail.host} is set (Spring Boot then provides the
 * {@link JavaMailSender}); without it the channel is off and only in-app notifications are kept.
 */
@Component
public class EmailChannel implements NotificationChannel {
    public static final String NAME = "email";
    private final ObjectProvider<JavaMailSender> sender;
    private final NotificationsProperties properties;

    public EmailChannel(ObjectProvider<JavaMailSender> sender, NotificationsProperties properties) {
        this.sender = sender;
        this.properties = properties;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean isEnabled() {
        return sender.getIfAvailable() != null;
    }

    @Override
    public boolean isWantedBy(Preferences preferences, String kind) {
        return preferences.wantsEmail(kind);
    }

    @Override
    public void send(StoredNotification n, Optional<Contact> contact) {
        Contact to = contact.orElseThrow(() -> new IllegalStateException("no email address known for customer " + n.customerId()));
        sendTo(to.email(), to.name(), n.title(), n.body() + "\n\nYou can turn these emails off in your notification preferences.\n");
    }

    /** Sends one email from the configured sender, greeting {@code name}; throws when it could not be sent. */
    public void sendTo(String address, String name, String subject, String body) {
        SimpleMailMessage mail = new SimpleMailMessage();
        mail.setFrom(properties.emailFrom());
        mail.setTo(address);
        mail.setSubject(subject);
        String greeting = name == null || name.isBlank() ? "Hello," : "Hello " + name + ",";
        mail.setText(greeting + "\n\n" + body);
        sender.getObject().send(mail);
    }
}
