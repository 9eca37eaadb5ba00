package com.shopbff.system;

import com.shopbff.system.Shop.Customer;
import com.shopbff.system.Shop.Order;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 8's bar: 200 customers check out at once against 50 units of one product. */
class ConcurrentCheckoutSystemTest {
    static final int CUSTOMERS = 200;
    static final int UNITS = 50;

    @Test
    void twoHundredConcurrentCheckoutsOfFiftyUnitsConfirmExactlyFiftyAndFailTheRestOutOfStock() throws Exception {
        SystemStack sys = SystemStack.get();
        Shop shop = sys.shop;
        String product = shop.createProduct("Scarce tea " + System.nanoTime(), "5.00", UNITS);

        List<Customer> customers = parallel(8, CUSTOMERS, i -> {
            Customer c = shop.signUp("buyer" + i);
            shop.topUp(c, "10.00");
            shop.addToCart(c, product, 1);
            return c;
        });

        // All checkouts released at the same instant, one thread each.
        CountDownLatch go = new CountDownLatch(1);
        Map<String, Customer> owner = new ConcurrentHashMap<>();
        long t0;
        try (ExecutorService pool = Executors.newFixedThreadPool(CUSTOMERS)) {
            List<Future<?>> done = new ArrayList<>();
            for (Customer c : customers) {
                done.add(pool.submit(() -> {
                    go.await();
                    owner.put(shop.checkout(c), c);
                    return null;
                }));
            }
            t0 = System.nanoTime();
            go.countDown();
            for (Future<?> f : done) f.get();
        }
        assertThat(owner).hasSize(CUSTOMERS);

        Map<Customer, BigDecimal> toppedUp = new LinkedHashMap<>();
        customers.forEach(c -> toppedUp.put(c, new BigDecimal("10.00")));
        Map<String, Order> orders = Invariants.assertConserved(shop, product, UNITS, owner, toppedUp, Duration.ofMinutes(3));
        double seconds = (System.nanoTime() - t0) / 1e9;

        List<Order> confirmed = orders.values().stream().filter(o -> o.status().equals("CONFIRMED")).toList();
        List<Order> failed = orders.values().stream().filter(o -> o.status().equals("FAILED")).toList();
        assertThat(confirmed).hasSize(UNITS);
        assertThat(failed).hasSize(CUSTOMERS - UNITS);
        assertThat(failed).allSatisfy(o -> assertThat(o.failureReason()).containsIgnoringCase("out of stock"));
        assertThat(shop.stock(product)).isZero();
        assertThat(shop.inFlight()).as("orders left PENDING/RESERVED/PAID").isEmpty();
        System.out.printf("concurrent checkout: %d orders, %d confirmed, %d failed out of stock, all settled and audited in %.1f s%n",
                orders.size(), confirmed.size(), failed.size(), seconds);
    }

    interface Task<T> {
        T run(int i) throws Exception;
    }

    static <T> List<T> parallel(int threads, int n, Task<T> task) throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<T>> fs = IntStream.range(0, n).mapToObj(i -> pool.submit(() -> task.run(i))).toList();
            List<T> out = new ArrayList<>();
            for (Future<T> f : fs) out.add(f.get());
            return out;
        }
    }
}
