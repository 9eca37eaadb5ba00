package com.shopbff.catalog.stock;

import com.shopbff.contracts.SagaReply;
import com.shopbff.support.messaging.OutboxEntry;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;
import java.util.List;

/**
 * The stock an order holds, keyed by the order id: the business key that makes every storehouse command
 * idempotent. The saga replies wait in {@code outbox} until they reach Kafka.
 *
 * @param finalStatus while RELEASING: RELEASED (the saga asked) or EXPIRED (nobody committed in time)
 */
@Document(ReservationDocument.COLLECTION)
public record ReservationDocument(@Id String id, Status status, Status finalStatus, List<Line> lines,
                                  List<SagaReply.Shortage> shortages, Instant createdAt, Instant expiresAt,
                                  Instant updatedAt, List<OutboxEntry> outbox) {
    public static final String COLLECTION = "reservations";

    public ReservationDocument {
        lines = lines == null ? List.of() : List.copyOf(lines);
        shortages = shortages == null ? List.of() : List.copyOf(shortages);
        outbox = outbox == null ? List.of() : List.copyOf(outbox);
    }

    /**
     * RESERVING → RESERVED | REJECTED; RESERVED → RELEASING → RELEASED | EXPIRED; RESERVED → COMMITTING → COMMITTED;
     * COMMITTED → RETURNING → RETURNED. The -ING states are where a crash may leave a reservation: a redelivered
     * command resumes from there, every line movement being idempotent.
     */
    public enum Status { RESERVING, RESERVED, REJECTED, RELEASING, RELEASED, EXPIRED, COMMITTING, COMMITTED, RETURNING, RETURNED }

    public record Line(String productId, int quantity) {}

    /** The answer to ReserveStock, derived from the state: the same answer however often the command comes. */
    public SagaReply reply() {
        return switch (status) {
            case RESERVED, COMMITTING, COMMITTED, RETURNING, RETURNED -> new SagaReply.StockReserved(id);
            // An expired or released reservation no longer holds stock: confirming it now would oversell.
            case RESERVING, REJECTED, RELEASING, RELEASED, EXPIRED -> new SagaReply.StockRejected(id, shortages);
        };
    }
}
