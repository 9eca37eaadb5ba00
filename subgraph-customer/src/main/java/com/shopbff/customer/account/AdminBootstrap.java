package com.shopbff.customer.account;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/** Creates the administrator from {@code shop.admin.*} at start when no account has that email. */
@Component
public class AdminBootstrap implements ApplicationRunner {
    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);
    private final AccountService accounts;
    private final AdminProperties admin;

    public AdminBootstrap(AccountService accounts, AdminProperties admin) {
        this.accounts = accounts;
        this.admin = admin;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (accounts.ensureAdmin(admin)) {
            log.info("created the administrator account {}", admin.email());
        } else if (accounts.findByEmail(admin.email()).filter(c -> c.role() != com.shopbff.support.auth.Role.ADMIN).isPresent()) {
            log.warn("shop.admin.email {} belongs to a customer account, not an administrator: no administrator was created", admin.email());
        }
    }
}
