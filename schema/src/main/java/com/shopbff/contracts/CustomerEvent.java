package com.shopbff.contracts;

/** Events on {@link Topics#CUSTOMER_EVENTS}, keyed by customer id. */
public sealed interface CustomerEvent extends Message permits CustomerEvent.CustomerRegistered, CustomerEvent.CustomerDeleted {
    String customerId();

    @Override
    default String key() { return customerId(); }

    record CustomerRegistered(String customerId, String email, String name) implements CustomerEvent {}

    /** Every subgraph that keeps personal data of this customer erases or anonymises it. */
    record CustomerDeleted(String customerId) implements CustomerEvent {}
}
