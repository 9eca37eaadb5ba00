package com.shopbff.customer.privacy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;

/**
 * Drives open privacy requests to their end (every {@code shop.privacy.sweep-interval}): relays their outboxes, asks
 * silent subgraphs again (with back-off), finishes an erasure a crash interrupted, fails exports past their timeout
 * and expires ready ones. Several instances may sweep at once: every change is a conditional update.
 */
@Component
public class PrivacySweeper {
    private static final Logger log = LoggerFactory.getLogger(PrivacySweeper.class);
    private final PrivacyRequests requests;
    private final ErasureService erasures;
    private final DataExportService exports;
    private final Clock clock;

    public PrivacySweeper(PrivacyRequests requests, ErasureService erasures, DataExportService exports, Clock clock) {
        this.requests = requests;
        this.erasures = erasures;
        this.exports = exports;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${shop.privacy.sweep-interval:PT5S}", initialDelayString = "${shop.privacy.sweep-interval:PT5S}")
    public void sweep() {
        try {
            requests.relayAll();
            for (PrivacyRequest r : requests.due(clock.instant())) {
                try {
                    switch (r.kind()) {
                        case ERASURE -> erasures.resume(r);
                        case DATA_EXPORT -> exports.resume(r);
                    }
                } catch (RuntimeException e) {
                    log.warn("privacy request {} could not be resumed, will retry: {}", r.id(), e.getMessage());
                }
            }
            requests.expired(clock.instant()).forEach(exports::expire);
        } catch (RuntimeException e) {
            log.warn("privacy sweep failed, will retry: {}", e.getMessage());
        }
    }
}
