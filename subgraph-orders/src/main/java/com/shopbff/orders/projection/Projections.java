package com.shopbff.orders.projection;

import com.shopbff.orders.config.OrdersProperties;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** Reads the projections of other subgraphs' events. */
@Service
public class Projections {
    private static final long POLL_MS = 50;
    private final MongoTemplate mongo;
    private final Duration wait;

    public Projections(MongoTemplate mongo, OrdersProperties properties) {
        this.mongo = mongo;
        this.wait = properties.productWait();
    }

    /** Whether the customer's email is confirmed; empty when this subgraph has no record of it (treated as confirmed). */
    public Optional<Boolean> emailVerified(String customerId) {
        return Optional.ofNullable(mongo.findById(customerId, AccountView.class)).map(AccountView::emailVerified);
    }

    public Optional<ProductView> product(String id) {
        return Optional.ofNullable(mongo.findById(id, ProductView.class));
    }

    public List<ProductView> products(Collection<String> ids) {
        return mongo.find(Query.query(Criteria.where("_id").in(ids)), ProductView.class);
    }

    /**
     * An active product, waiting up to {@code shop.orders.product-wait} for it to appear: the projection is fed by
     * Kafka, so a product the admin created a moment ago may not have reached it yet (a few hundred ms). Without the
     * wait, adding it to the cart right after creation would be refused as unknown.
     */
    public Optional<ProductView> activeProductWaiting(String id) {
        return waitFor(() -> product(id).filter(ProductView::active));
    }

    public Optional<PickupPointView> activePickupPointWaiting(String id) {
        return waitFor(() -> Optional.ofNullable(mongo.findById(id, PickupPointView.class)).filter(PickupPointView::active));
    }

    public Optional<AddressBookView.SavedAddress> savedAddressWaiting(String customerId, String addressId) {
        return waitFor(() -> Optional.ofNullable(mongo.findById(customerId, AddressBookView.class))
                .flatMap(book -> book.addresses().stream().filter(a -> a.id().equals(addressId)).findFirst()));
    }

    private <T> Optional<T> waitFor(Supplier<Optional<T>> probe) {
        long deadline = System.nanoTime() + wait.toNanos();
        for (;;) {
            Optional<T> found = probe.get();
            if (found.isPresent() || System.nanoTime() >= deadline) return found;
            try {
                Thread.sleep(POLL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return found;
            }
        }
    }
}
