package com.shopbff.contracts;

import java.util.List;

/** Events on {@link Topics#CUSTOMER_EVENTS}, keyed by customer id. */
public sealed interface CustomerEvent extends Message
        permits CustomerEvent.CustomerRegistered, CustomerEvent.CustomerDeleted, CustomerEvent.AddressBookChanged,
        CustomerEvent.EmailVerified, CustomerEvent.AccountEmailRequested, CustomerEvent.DataExportRequested {
    String customerId();

    @Override
    default String key() { return customerId(); }

    /**
     * A new account. {@code emailVerified}: false for a password sign-up until {@link EmailVerified}; true for accounts
     * made by a provider sign-in or configuration; null in messages written before verification existed (treated as
     * verified).
     */
    record CustomerRegistered(String customerId, String email, String name, Boolean emailVerified) implements CustomerEvent {
        public CustomerRegistered(String customerId, String email, String name) {
            this(customerId, email, name, null);
        }
    }

    /** The customer confirmed {@code email}; when it differs from the email known so far, the account's email changed. */
    record EmailVerified(String customerId, String email) implements CustomerEvent {}

    /** What an account email is about; the notifications subgraph holds the template of each. */
    enum AccountEmailKind {
        /** The link that confirms the address given at sign-up. */
        VERIFY_EMAIL,
        /** The link that confirms a new address (change of email); sent to the new address. */
        CONFIRM_NEW_EMAIL,
        /** The single-use link that sets a new password. */
        PASSWORD_RESET,
        /** A notice that the password was changed or reset. */
        PASSWORD_CHANGED,
        /** A notice to the old address that the account's email is now another one. */
        EMAIL_CHANGED
    }

    /**
     * An email the customer subgraph asks the notifications subgraph to send at once to {@code to} (which may not be
     * the account's current email), whatever the customer's notification preferences: these are about the account's
     * security. {@code link} carries a single-use token for the kinds that need one; {@code expiresAt} is its expiry.
     * Not kept in the notification history.
     */
    record AccountEmailRequested(String customerId, AccountEmailKind kind, String to, String name, String link,
                                 java.time.Instant expiresAt) implements CustomerEvent {}

    /**
     * Every subgraph holding data of the customer answers with its part ({@link PrivacyReply.DataExportPart}).
     * {@code attempt} grows when the customer subgraph asks again for a part that did not come.
     */
    record DataExportRequested(String customerId, String exportId, int attempt) implements CustomerEvent {}

    /**
     * Every subgraph that keeps personal data of this customer erases or anonymises it, then answers
     * {@link PrivacyReply.ErasureCompleted}; sent again (new event id) while an answer is missing.
     */
    record CustomerDeleted(String customerId) implements CustomerEvent {}

    record Address(String id, String line1, String line2, String city, String postalCode, String country) {}

    /** The customer's whole address book after a change, so orders can deliver to a saved address by id. */
    record AddressBookChanged(String customerId, List<Address> addresses) implements CustomerEvent {
        public AddressBookChanged { addresses = List.copyOf(addresses); }
    }
}
