package com.shopbff.system.chaos;

import com.shopbff.system.Gql;
import com.shopbff.system.Shop.Customer;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A steady checkout load through the load balancer: one worker per customer, all sharing a budget of {@code rate}
 * checkouts a second. A checkout is addToCart (one unit; every {@code scarceEvery}-th order the scarce product) then
 * checkout with an idempotency key. A request that fails (transport error, 5xx from the balancer, GraphQL error while
 * a service is down) is retried; checkout always with the same key, so an order is placed once whatever happened to
 * the attempts, and the run never loses track of an order the shop has. Every failed attempt is counted in the phase
 * it happened in: that is what a client saw of the fault.
 */
final class CheckoutLoad {
    private static final long GIVE_UP_MS = 180_000;

    /** An order placed by the load: its id, its customer, and the phase it was placed in. */
    record Placed(String orderId, Customer customer, String phase) {}

    /** What clients saw in one phase. */
    static final class PhaseFigures {
        final AtomicInteger checkouts = new AtomicInteger();
        final AtomicInteger failedAttempts = new AtomicInteger();
        final AtomicInteger outOfStockRefusals = new AtomicInteger();
        final List<Long> latenciesMs = Collections.synchronizedList(new ArrayList<>());
        final AtomicLong slowestMs = new AtomicLong();
    }

    private final Gql gql;
    private final List<Customer> customers;
    private final Map<String, Tracker> trackers;
    private final String plentiful;
    private final String scarce;
    private final int scarceEvery;
    private final int rate;
    private final List<Placed> placed = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, PhaseFigures> phases = Collections.synchronizedMap(new java.util.LinkedHashMap<>());
    private final List<String> problems = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger sequence = new AtomicInteger();
    private final Semaphore permits = new Semaphore(0);
    private final Map<String, Boolean> soldOut = new ConcurrentHashMap<>();
    private volatile String phase = "start";
    private volatile boolean running;
    private ExecutorService workers;
    private List<Future<?>> futures;
    private ScheduledFuture<?> ticker;

    CheckoutLoad(Gql gql, List<Customer> customers, Map<String, Tracker> trackers, String plentiful, String scarce, int scarceEvery, int rate) {
        this.gql = gql;
        this.customers = customers;
        this.trackers = trackers;
        this.plentiful = plentiful;
        this.scarce = scarce;
        this.scarceEvery = scarceEvery;
        this.rate = rate;
        phases.put(phase, new PhaseFigures());
    }

    void phase(String name) {
        phases.putIfAbsent(name, new PhaseFigures());
        phase = name;
    }

    Map<String, PhaseFigures> phases() {
        return phases;
    }

    List<Placed> placed() {
        return List.copyOf(placed);
    }

    List<String> problems() {
        return List.copyOf(problems);
    }

    void start(ScheduledExecutorService scheduler) {
        running = true;
        long periodMicros = 1_000_000L / rate;
        ticker = scheduler.scheduleAtFixedRate(() -> {
            if (permits.availablePermits() < rate) permits.release(); // no burst after a stall: at most a second's worth
        }, 0, periodMicros, TimeUnit.MICROSECONDS);
        workers = Executors.newFixedThreadPool(customers.size());
        futures = new ArrayList<>();
        for (Customer c : customers) futures.add(workers.submit(() -> work(c)));
    }

    /** Stops handing out checkouts and waits for the ones under way. */
    void stop() throws Exception {
        running = false;
        ticker.cancel(false);
        permits.release(customers.size());
        for (Future<?> f : futures) f.get(GIVE_UP_MS * 2, TimeUnit.MILLISECONDS);
        workers.shutdown();
    }

    private void work(Customer c) {
        while (running) {
            try {
                if (!permits.tryAcquire(200, TimeUnit.MILLISECONDS)) continue;
            } catch (InterruptedException e) {
                return;
            }
            if (!running) return;
            PhaseFigures figures = phases.get(phase);
            String inPhase = phase;
            long t0 = System.nanoTime();
            try {
                int n = sequence.incrementAndGet();
                String product = n % scarceEvery == 0 && !soldOut.containsKey(scarce) ? scarce : plentiful;
                if (!addToCart(c, product, figures)) addToCart(c, plentiful, figures);
                String orderId = checkout(c, "chaos-" + UUID.randomUUID(), figures);
                if (orderId == null) continue;
                trackers.get(c.id()).track(orderId);
                placed.add(new Placed(orderId, c, inPhase));
                figures.checkouts.incrementAndGet();
                long ms = (System.nanoTime() - t0) / 1_000_000;
                figures.latenciesMs.add(ms);
                figures.slowestMs.accumulateAndGet(ms, Math::max);
            } catch (RuntimeException e) {
                problems.add("worker of " + c.email() + ": " + e.getMessage());
            }
        }
    }

    /** True once the unit is in the cart; false when the product is refused as out of stock. */
    private boolean addToCart(Customer c, String productId, PhaseFigures figures) {
        long deadline = System.currentTimeMillis() + GIVE_UP_MS;
        while (true) {
            try {
                JsonNode r = gql.call("mutation($i: CartLineInput!) { addToCart(input: $i) { userErrors { code message } } }",
                        Map.of("i", Map.of("productId", productId, "quantity", 1)), c.token());
                JsonNode errors = r.at("/data/addToCart/userErrors");
                if (r.has("errors") && !r.get("errors").isEmpty()) throw new IllegalStateException(r.get("errors").toString());
                if (errors.isEmpty()) return true;
                String code = errors.get(0).path("code").asString("");
                if (code.contains("STOCK") || code.equals("PRODUCT_UNAVAILABLE")) {
                    soldOut.put(productId, true);
                    figures.outOfStockRefusals.incrementAndGet();
                    return false;
                }
                throw new IllegalStateException("addToCart: " + errors); // e.g. the projection has not seen the product yet
            } catch (RuntimeException e) {
                figures.failedAttempts.incrementAndGet();
                if (System.currentTimeMillis() > deadline) throw new IllegalStateException("addToCart kept failing: " + e.getMessage(), e);
                sleep(250);
            }
        }
    }

    private String checkout(Customer c, String key, PhaseFigures figures) {
        long deadline = System.currentTimeMillis() + GIVE_UP_MS;
        while (true) {
            try {
                JsonNode r = gql.call("mutation($i: CheckoutInput!) { checkout(input: $i) { order { id } userErrors { code message } } }",
                        Map.of("i", Map.of("delivery", Map.of("address", Map.of("line1", "1 Chaos Street", "city", "Leeds",
                                "postalCode", "LS1 1AA", "country", "GB")), "idempotencyKey", key)), c.token());
                if (r.has("errors") && !r.get("errors").isEmpty()) throw new IllegalStateException(r.get("errors").toString());
                JsonNode co = r.at("/data/checkout");
                if (!co.path("order").isNull() && !co.path("order").isMissingNode()) return co.at("/order/id").asString();
                problems.add("checkout of " + c.email() + " refused: " + co.path("userErrors"));
                return null;
            } catch (RuntimeException e) {
                figures.failedAttempts.incrementAndGet();
                if (System.currentTimeMillis() > deadline) {
                    // The shop may hold an order for this key that the run does not know: the figures would not add up.
                    problems.add("checkout " + key + " of " + c.email() + " never answered in " + GIVE_UP_MS / 1000 + " s: " + e.getMessage());
                    return null;
                }
                sleep(250);
            }
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
