package com.shopbff.orders.cart;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Deletes expired guest carts every {@code shop.orders.guest-cart-sweep-interval} (a scan of the carts: rare and cheap). */
@Component
class GuestCartSweeper {
    private static final Logger log = LoggerFactory.getLogger(GuestCartSweeper.class);
    private final CartService carts;

    GuestCartSweeper(CartService carts) {
        this.carts = carts;
    }

    @Scheduled(fixedDelayString = "${shop.orders.guest-cart-sweep-interval:1h}", initialDelayString = "${shop.orders.guest-cart-sweep-interval:1h}")
    void sweep() {
        try {
            long n = carts.deleteExpiredGuestCarts();
            if (n > 0) log.info("{} expired guest carts deleted", n);
        } catch (RuntimeException e) {
            log.warn("guest cart sweep failed, will retry: {}", e.toString());
        }
    }
}
