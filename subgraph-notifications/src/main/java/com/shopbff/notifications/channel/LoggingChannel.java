package com.shopbff.notifications.channel;

import com.shopbff.notifications.config.NotificationsProperties;
import com.shopbff.notifications.customer.CustomerDirectory.Contact;
import com.shopbff.notifications.notification.StoredNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * Writes each notification to the log: the stand-in for SMS and push providers, showing where they plug in.
 * Turn it off with {@code shop.notifications.log-channel-enabled=false}.
 */
@Component
public class LoggingChannel implements NotificationChannel {
    private static final Logger log = LoggerFactory.getLogger(LoggingChannel.class);
    private final boolean enabled;

    public LoggingChannel(NotificationsProperties properties) {
        this.enabled = properties.logChannelEnabled();
    }

    @Override
    public String name() {
        return "log";
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }

    @Override
    public void send(StoredNotification n, Optional<Contact> contact) {
        log.info("notification {} for customer {}: kind={} title=\"{}\"", n.id(), n.customerId(), n.kind(), n.title());
    }
}
