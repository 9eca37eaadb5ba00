package com.shopbff.customer.account;

import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.util.Optional;
import java.util.function.Function;

/**
 * Read-modify-write of one account with its {@code version} as guard: the change is decided on the account as read
 * and applied only if nobody wrote in between (else read and decide again). The messages the change announces go in
 * the same update ({@code outbox}) and are relayed right after.
 */
@Component
public class AccountUpdates {
    private static final int MAX_RETRIES = 10;
    private final CustomerRepository customers;
    private final CustomerOutbox outbox;

    public AccountUpdates(CustomerRepository customers, CustomerOutbox outbox) {
        this.customers = customers;
        this.outbox = outbox;
    }

    /** @param change the update to apply to the account as read, or the user errors that refuse it */
    public Outcome<CustomerDocument> modify(String customerId, Function<CustomerDocument, Outcome<Update>> change) {
        for (int attempt = 0; attempt < MAX_RETRIES; attempt++) {
            Optional<CustomerDocument> found = customers.find(customerId);
            if (found.isEmpty()) return Outcome.failed(UserErrors.of("ACCOUNT_NOT_FOUND", "This account does not exist any more."));
            Outcome<Update> update = change.apply(found.get());
            if (!update.isOk()) return Outcome.failed(update.errors());
            if (customers.updateIfVersion(customerId, found.get().version(), update.value())) {
                outbox.relaySoon(customerId);
                return Outcome.ok(customers.find(customerId).orElseThrow());
            }
        }
        throw new IllegalStateException("account " + customerId + " kept changing");
    }
}
