package com.shopbff.customer.account;

import com.shopbff.customer.generated.types.Address;
import com.shopbff.customer.generated.types.Customer;
import com.shopbff.customer.generated.types.Role;
import com.shopbff.customer.generated.types.SavedAddress;

import java.time.ZoneOffset;

/** Stored account to API type. */
public final class CustomerMapper {
    private CustomerMapper() {}

    public static Customer toApi(CustomerDocument d) {
        return Customer.newBuilder().id(d.id()).email(d.email()).name(d.name()).phone(d.phone())
                .role(Role.valueOf(d.role().name()))
                .addresses(d.addresses().stream().map(CustomerMapper::toApi).toList())
                .createdAt(d.createdAt().atOffset(ZoneOffset.UTC)).build();
    }

    static SavedAddress toApi(AddressDocument a) {
        return SavedAddress.newBuilder().id(a.id()).address(Address.newBuilder().line1(a.line1()).line2(a.line2()).city(a.city())
                .postalCode(a.postalCode()).country(a.country()).build()).build();
    }
}
