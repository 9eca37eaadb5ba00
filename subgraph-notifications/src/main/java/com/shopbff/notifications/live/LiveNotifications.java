package com.shopbff.notifications.live;

import com.shopbff.contracts.NotificationEvent.NotificationCreated;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

import java.time.Duration;

/** The notifications this instance pushes to the subscriptions it holds; each subscriber sees only its own. */
@Component
public class LiveNotifications {
    private final Sinks.Many<NotificationCreated> sink = Sinks.many().multicast().directBestEffort();

    void publish(NotificationCreated n) {
        sink.emitNext(n, Sinks.EmitFailureHandler.busyLooping(Duration.ofMillis(100)));
    }

    /** How many subscriptions this instance currently feeds. */
    public int subscriberCount() {
        return sink.currentSubscriberCount();
    }

    public Flux<NotificationCreated> forCustomer(String customerId) {
        return sink.asFlux().filter(n -> customerId.equals(n.customerId()));
    }
}
