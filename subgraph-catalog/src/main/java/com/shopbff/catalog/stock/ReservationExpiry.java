package com.shopbff.catalog.stock;

import com.shopbff.catalog.CatalogProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.concurrent.ScheduledFuture;

/** Periodically gives back the stock of reservations that nobody committed or released in time. */
@Component
public class ReservationExpiry implements DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(ReservationExpiry.class);

    private final ReservationService reservations;
    private final TaskScheduler scheduler;
    private final CatalogProperties properties;
    private volatile ScheduledFuture<?> sweep;

    public ReservationExpiry(ReservationService reservations, TaskScheduler scheduler, CatalogProperties properties) {
        this.reservations = reservations;
        this.scheduler = scheduler;
        this.properties = properties;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        sweep = scheduler.scheduleWithFixedDelay(this::sweep, properties.expirySweepInterval());
    }

    void sweep() {
        try {
            reservations.expire(Instant.now());
        } catch (RuntimeException e) {
            log.warn("reservation expiry sweep failed, will retry: {}", e.getMessage());
        }
    }

    @Override
    public void destroy() {
        if (sweep != null) sweep.cancel(false);
    }
}
