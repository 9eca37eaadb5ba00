package com.shopbff.catalog.pickup;

import com.shopbff.catalog.UserErrors;
import com.shopbff.catalog.generated.types.CreatePickupPointInput;
import com.shopbff.catalog.generated.types.PickupAddressInput;
import com.shopbff.catalog.generated.types.UserError;
import com.shopbff.catalog.messaging.CatalogOutbox;
import com.shopbff.contracts.Topics;
import com.shopbff.support.messaging.OutboxEntry;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Warehouse pickup points; each creation is announced (PickupPointChanged) so orders can offer it for checkout. */
@Service
public class PickupPointService {
    public record Outcome(PickupPointDocument pickupPoint, List<UserError> userErrors) {}

    private final MongoTemplate mongo;
    private final CatalogOutbox outbox;

    public PickupPointService(MongoTemplate mongo, CatalogOutbox outbox) {
        this.mongo = mongo;
        this.outbox = outbox;
    }

    public List<PickupPointDocument> active() {
        return mongo.find(Query.query(Criteria.where("active").is(true)).with(Sort.by("name", "_id")), PickupPointDocument.class);
    }

    public long count() {
        return mongo.estimatedCount(PickupPointDocument.class);
    }

    public Outcome create(CreatePickupPointInput in) {
        return create(UUID.randomUUID().toString(), in);
    }

    public Outcome create(String id, CreatePickupPointInput in) {
        UserErrors errors = new UserErrors().requireName(in.getName(), "input", "name");
        errors.limitText(in.getOpeningHours(), "input", "openingHours");
        PickupAddressInput a = in.getAddress();
        if (a == null) {
            errors.add(UserErrors.REQUIRED, "must not be empty", "input", "address");
        } else {
            errors.requireName(a.getLine1(), "input", "address", "line1");
            errors.requireName(a.getCity(), "input", "address", "city");
            errors.requireName(a.getPostalCode(), "input", "address", "postalCode");
            errors.requireName(a.getCountry(), "input", "address", "country");
            errors.limitText(a.getLine2(), "input", "address", "line2");
        }
        if (!errors.isEmpty()) return new Outcome(null, errors.list());
        PickupPointDocument draft = new PickupPointDocument(id, in.getName().strip(), a.getLine1().strip(), a.getLine2(),
                a.getCity().strip(), a.getPostalCode().strip(), a.getCountry().strip(), in.getOpeningHours(), true,
                Instant.now(), List.of());
        PickupPointDocument p = new PickupPointDocument(draft.id(), draft.name(), draft.line1(), draft.line2(), draft.city(),
                draft.postalCode(), draft.country(), draft.openingHours(), true, draft.createdAt(),
                List.of(OutboxEntry.of(Topics.CATALOG_EVENTS, draft.changedEvent())));
        mongo.insert(p);
        outbox.relayPickupPoint(id);
        return new Outcome(p, List.of());
    }
}
