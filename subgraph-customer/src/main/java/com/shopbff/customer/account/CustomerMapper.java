package com.shopbff.customer.account;

import com.shopbff.customer.generated.types.Address;
import com.shopbff.customer.generated.types.Customer;
import com.shopbff.customer.generated.types.LinkedProvider;
import com.shopbff.customer.generated.types.Role;
import com.shopbff.customer.generated.types.SavedAddress;

import java.time.ZoneOffset;

/** Stored account to API type; an erased account becomes the anonymised customer (decision 0020). */
public final class CustomerMapper {
    public static final String ERASED_NAME = "Erased customer";
    private CustomerMapper() {}

    public static Customer toApi(CustomerDocument d) {
        if (d.isErased()) return erased(d);
        return Customer.newBuilder().id(d.id()).email(d.email()).name(d.name()).phone(d.phone())
                .role(Role.valueOf(d.role().name()))
                .addresses(d.addresses().stream().map(CustomerMapper::toApi).toList())
                .createdAt(d.createdAt().atOffset(ZoneOffset.UTC))
                .emailVerified(d.isEmailVerified()).pendingEmail(d.pendingEmail()).hasPassword(d.hasPassword())
                .linkedProviders(d.providers().stream().map(l -> LinkedProvider.newBuilder().provider(l.provider())
                        .linkedAt(l.linkedAt().atOffset(ZoneOffset.UTC)).build()).toList())
                .build();
    }

    /**
     * An erased customer as other subgraphs' references (orders, statistics) see it: no personal data, an address in
     * the reserved {@code .invalid} domain (RFC 2606) that is unique per customer and can never receive mail.
     */
    static Customer erased(CustomerDocument d) {
        java.time.Instant created = d.createdAt() == null ? d.erasedAt() : d.createdAt();
        return Customer.newBuilder().id(d.id()).email(erasedEmail(d.id())).name(ERASED_NAME).phone(null)
                .role(Role.valueOf(d.role() == null ? "CUSTOMER" : d.role().name())).addresses(java.util.List.of())
                .createdAt(created == null ? null : created.atOffset(ZoneOffset.UTC))
                .emailVerified(false).pendingEmail(null).hasPassword(false).linkedProviders(java.util.List.of())
                .erasedAt(d.erasedAt() == null ? null : d.erasedAt().atOffset(ZoneOffset.UTC)).build();
    }

    public static String erasedEmail(String customerId) {
        String prefix = customerId.replaceAll("[^A-Za-z0-9]", "");
        return "erased-" + prefix.substring(0, Math.min(8, prefix.length())).toLowerCase(java.util.Locale.ROOT) + "@erased.invalid";
    }

    static SavedAddress toApi(AddressDocument a) {
        return SavedAddress.newBuilder().id(a.id()).address(Address.newBuilder().line1(a.line1()).line2(a.line2()).city(a.city())
                .postalCode(a.postalCode()).country(a.country()).build()).build();
    }
}
