package com.shopbff.catalog.pickup;

import com.shopbff.catalog.generated.types.Address;
import com.shopbff.catalog.generated.types.PickupPoint;
import com.shopbff.contracts.CatalogEvent;
import com.shopbff.support.messaging.OutboxEntry;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.util.List;

/** A warehouse where customers collect orders; its PickupPointChanged event waits in {@code outbox}. */
@Document(PickupPointDocument.COLLECTION)
public record PickupPointDocument(@Id String id, String name, String line1, String line2, String city, String postalCode,
                                  String country, String openingHours, boolean active, Instant createdAt,
                                  List<OutboxEntry> outbox) {
    public static final String COLLECTION = "pickup_points";

    public PickupPointDocument {
        outbox = outbox == null ? List.of() : List.copyOf(outbox);
    }

    public CatalogEvent.PickupPointChanged changedEvent() {
        return new CatalogEvent.PickupPointChanged(id, name, line1, line2, city, postalCode, country, active);
    }

    public PickupPoint toGraphQL() {
        return PickupPoint.newBuilder().id(id).name(name).openingHours(openingHours)
                .address(Address.newBuilder().line1(line1).line2(line2).city(city).postalCode(postalCode).country(country).build())
                .build();
    }
}
