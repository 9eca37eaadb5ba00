package com.shopbff.catalog.stock;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;

/**
 * When a live reservation expires, kept apart from the reservations so the expiry sweep scans only the few live
 * ones, not every reservation ever made (the embedded MongoDB server cannot index {@code status}). Written before
 * the reservation, removed once the reservation is settled; one left over by a crash is removed by the sweep.
 */
@Document(ReservationDeadline.COLLECTION)
public record ReservationDeadline(@Id String id, Instant expiresAt) {
    public static final String COLLECTION = "reservation_deadlines";
}
