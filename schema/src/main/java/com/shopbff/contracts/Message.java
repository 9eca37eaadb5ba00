package com.shopbff.contracts;

/**
 * Every Kafka message of the system: a command (imperative), an event (past tense) or a saga reply.
 * {@link #key()} is the Kafka record key, the id of the aggregate whose messages must stay in order.
 */
public sealed interface Message permits CustomerEvent, CatalogEvent, CatalogCommand, WalletCommand, SagaReply, WalletEvent, OrderEvent,
        NotificationEvent, SessionEvent, PrivacyReply {
    String key();
}
