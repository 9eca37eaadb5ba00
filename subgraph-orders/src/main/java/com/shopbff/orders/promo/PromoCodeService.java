package com.shopbff.orders.promo;

import com.shopbff.support.money.MoneyFormat;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

@Service
public class PromoCodeService {
    private final MongoTemplate mongo;
    private final Clock clock;

    public PromoCodeService(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    /** A refusal with the userError code and the input field it concerns. */
    public record Refusal(String code, String field, String message) {}

    public sealed interface Created permits Ok, Refused {}
    public record Ok(PromoCodeDocument promo) implements Created {}
    public record Refused(List<Refusal> refusals) implements Created {}

    public static String normalise(String code) {
        return code == null ? "" : code.strip().toUpperCase(Locale.ROOT);
    }

    public Created create(String rawCode, Integer percentOff, String amountOff, Instant validFrom, Instant validTo, Integer usageLimit) {
        String code = normalise(rawCode);
        List<Refusal> refusals = new java.util.ArrayList<>();
        if (!code.matches("[A-Z0-9_-]{3,32}")) refusals.add(new Refusal("INVALID_CODE", "code", "3 to 32 letters, digits, '-' or '_'"));
        Long amountMinor = null;
        if ((percentOff == null) == (amountOff == null)) {
            refusals.add(new Refusal("INVALID_DISCOUNT", "percentOff", "give exactly one of percentOff or amountOff"));
        } else if (percentOff != null && (percentOff < 1 || percentOff > 100)) {
            refusals.add(new Refusal("INVALID_DISCOUNT", "percentOff", "percentOff must be between 1 and 100"));
        } else if (amountOff != null) {
            amountMinor = MoneyFormat.parse(amountOff).filter(a -> a > 0).orElse(null);
            if (amountMinor == null) refusals.add(new Refusal("INVALID_AMOUNT", "amountOff", "a positive amount with at most 2 decimals"));
        }
        if (validFrom != null && validTo != null && !validTo.isAfter(validFrom))
            refusals.add(new Refusal("INVALID_VALIDITY", "validTo", "validTo must be after validFrom"));
        if (usageLimit != null && usageLimit < 1) refusals.add(new Refusal("INVALID_USAGE_LIMIT", "usageLimit", "usageLimit must be at least 1"));
        if (!refusals.isEmpty()) return new Refused(refusals);
        PromoCodeDocument promo = new PromoCodeDocument(code, percentOff, amountMinor, validFrom, validTo, usageLimit, usageLimit, 0, clock.instant());
        try {
            return new Ok(mongo.insert(promo));
        } catch (DuplicateKeyException e) {
            return new Refused(List.of(new Refusal("CODE_TAKEN", "code", "a promo code " + code + " exists already")));
        }
    }

    public List<PromoCodeDocument> all() {
        return mongo.find(new Query().with(Sort.by("_id")), PromoCodeDocument.class);
    }

    /** The code if it exists and is valid now; a refusal otherwise. The usage limit is checked by {@link #claim}. */
    public Optional<PromoCodeDocument> valid(String rawCode) {
        PromoCodeDocument promo = mongo.findById(normalise(rawCode), PromoCodeDocument.class);
        return promo != null && promo.validAt(clock.instant()) ? Optional.of(promo) : Optional.empty();
    }

    /** Takes one use of the code; false when its usage limit is reached. */
    public boolean claim(PromoCodeDocument promo) {
        Criteria c = Criteria.where("_id").is(promo.code());
        if (promo.usageLimit() != null) c = c.and("remainingUses").gt(0);
        Update u = new Update().inc("timesUsed", 1);
        if (promo.usageLimit() != null) u.inc("remainingUses", -1);
        return mongo.updateFirst(Query.query(c), u, PromoCodeDocument.class).getModifiedCount() == 1;
    }

    /** Gives back a use taken by a checkout that turned out to be a retry of an earlier one. */
    public void unclaim(PromoCodeDocument promo) {
        Update u = new Update().inc("timesUsed", -1);
        if (promo.usageLimit() != null) u.inc("remainingUses", 1);
        mongo.updateFirst(Query.query(Criteria.where("_id").is(promo.code())), u, PromoCodeDocument.class);
    }
}
