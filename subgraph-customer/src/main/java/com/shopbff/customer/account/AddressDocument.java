package com.shopbff.customer.account;

import com.shopbff.contracts.CustomerEvent;

/** One saved address of an address book; {@code id} is what checkout refers to. */
public record AddressDocument(String id, String line1, String line2, String city, String postalCode, String country) {
    public CustomerEvent.Address toEvent() {
        return new CustomerEvent.Address(id, line1, line2, city, postalCode, country);
    }
}
