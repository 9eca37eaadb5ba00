package com.shopbff.orders.projection;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.util.List;

/** A customer's saved addresses, from {@code AddressBookChanged} on customer.events, so checkout can use an addressId. */
@Document(AddressBookView.COLLECTION)
public record AddressBookView(@Id String customerId, List<SavedAddress> addresses) {
    public static final String COLLECTION = "address_book_projection";

    public record SavedAddress(String id, String line1, String line2, String city, String postalCode, String country) {}
}
