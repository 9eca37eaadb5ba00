package com.shopbff.customer.account;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** The administrator created at start when no account has this email ({@code shop.admin.*}). */
@ConfigurationProperties("shop.admin")
public record AdminProperties(String email, String password, String name) {
    public AdminProperties {
        if (email == null || email.isBlank()) email = "admin@example.com";
        if (password == null || password.isBlank()) password = "admin12345";
        if (name == null || name.isBlank()) name = "Administrator";
    }
}
