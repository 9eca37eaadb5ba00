package com.shopbff.wallet.wallet;

import com.shopbff.support.messaging.OutboxRelay;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Crash recovery on a schedule: ledger entries a crash left only in a wallet document, and unsent outbox messages. */
@Component
public class WalletMaintenance {
    private static final Logger log = LoggerFactory.getLogger(WalletMaintenance.class);
    private final WalletOperations operations;
    private final OutboxRelay relay;

    public WalletMaintenance(WalletOperations operations, @Qualifier("walletOutboxRelay") OutboxRelay relay) {
        this.operations = operations;
        this.relay = relay;
    }

    @Scheduled(initialDelayString = "${shop.wallet.maintenance-interval-ms:1000}", fixedDelayString = "${shop.wallet.maintenance-interval-ms:1000}")
    public void run() {
        try {
            operations.sweep();
            relay.relayAll();
        } catch (RuntimeException e) {
            log.warn("wallet maintenance failed, will retry: {}", e.getMessage());
        }
    }
}
