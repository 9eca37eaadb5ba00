package com.shopbff.contracts;

import java.util.List;

/** Events on {@link Topics#CUSTOMER_EVENTS}, keyed by customer id. */
public sealed interface CustomerEvent extends Message
        permits CustomerEvent.CustomerRegistered, CustomerEvent.CustomerDeleted, CustomerEvent.AddressBookChanged {
    String customerId();

    @Override
    default String key() { return customerId(); }

    record CustomerRegistered(String customerId, String email, String name) implements CustomerEvent {}

    /** Every subgraph that keeps personal data of this customer erases or anonymises it. */
    record CustomerDeleted(String customerId) implements CustomerEvent {}

    record Address(String id, String line1, String line2, String city, String postalCode, String country) {}

    /** The customer's whole address book after a change, so orders can deliver to a saved address by id. */
    record AddressBookChanged(String customerId, List<Address> addresses) implements CustomerEvent {
        public AddressBookChanged { addresses = List.copyOf(addresses); }
    }
}
