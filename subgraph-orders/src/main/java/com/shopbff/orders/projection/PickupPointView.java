package com.shopbff.orders.projection;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/** A warehouse pickup point, from {@code PickupPointChanged} on catalog.events. */
@Document(PickupPointView.COLLECTION)
public record PickupPointView(@Id String id, String name, String line1, String line2, String city, String postalCode,
                              String country, boolean active) {
    public static final String COLLECTION = "pickup_point_projection";
}
