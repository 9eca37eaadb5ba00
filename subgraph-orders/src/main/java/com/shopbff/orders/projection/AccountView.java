package com.shopbff.orders.projection;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * Whether a customer's email address is confirmed, from {@code CustomerRegistered} and {@code EmailVerified} on
 * customer.events, so that checkout can ask for a confirmed address. No document: an account this subgraph knows
 * nothing about yet, or one registered before verification existed (both treated as verified).
 */
@Document(AccountView.COLLECTION)
public record AccountView(@Id String customerId, boolean emailVerified) {
    public static final String COLLECTION = "account_projection";
}
