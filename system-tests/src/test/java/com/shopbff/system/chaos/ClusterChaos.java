package com.shopbff.system.chaos;

import com.shopbff.system.Gql;
import com.shopbff.system.Shop;
import com.shopbff.system.Shop.Customer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import tools.jackson.databind.JsonNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The chaos test of the cluster ({@code scripts/cluster.sh}), run by {@code scripts/chaos.sh}: under a steady checkout
 * load through the load balancer, with a live order tracker per customer subscribed through the balancer, it kills
 * (SIGKILL) one Kafka broker, one orders instance, one router and one wallet instance, one at a time, each started
 * again after a while. Then, once the load has stopped and the shop is quiet, it checks and prints:
 * <ul>
 *   <li>every order CONFIRMED or FAILED/CANCELLED, none stuck in PENDING/RESERVED/PAID;</li>
 *   <li>per product, stock + reserved + sold = the initial stock, nothing left reserved;</li>
 *   <li>{@code walletAudit} clean, and each balance = top-ups - the totals of its confirmed orders;</li>
 *   <li>exactly one notification per order for its final status, none twice;</li>
 *   <li>every tracker received every status change of each of its orders, in order and once, or was told to
 *       reconnect (socket closed, subscription ended with an error or complete) and then caught up by re-reading the
 *       order: a status it missed must have been in flight when the notice came (no later status of that order
 *       arrived before the notice, and it is at most {@code chaos.inflight.ms} older than the newest change the
 *       tracker had received), the re-read after it, and what the tracker knows last is the final status.</li>
 * </ul>
 * Exit code 0 when everything holds. System properties: chaos.mode (short|long), chaos.rate (checkouts/s),
 * chaos.customers, chaos.fault.seconds (down time of each victim), chaos.between.seconds (after each restart),
 * chaos.warmup.seconds, chaos.victims (comma list, default kafka-2,orders-1,router-1,wallet-1), chaos.root (the
 * project directory, for scripts/cluster.sh).
 */
public final class ClusterChaos {
    private static final Set<String> FINAL = Set.of("CONFIRMED", "FAILED", "CANCELLED");
    /**
     * How far a missed status change may lie behind the tracker's stream position (the newest change it had received)
     * when a notice to reconnect came and still count as in flight, covered by the notice (events of different orders
     * travel on different partitions and instances, so they do not arrive in strict time order).
     */
    private static final long IN_FLIGHT_MS = Long.getLong("chaos.inflight.ms", 15_000);
    private final List<Long> noticeLagMs = Collections.synchronizedList(new ArrayList<>());
    private final List<String> violations = Collections.synchronizedList(new ArrayList<>());
    private final Path root = Path.of(System.getProperty("chaos.root", ".")).toAbsolutePath();
    private final boolean shortRun = "short".equals(System.getProperty("chaos.mode", "long"));
    private final int rate = Integer.getInteger("chaos.rate", shortRun ? 4 : 6);
    private final int customerCount = Integer.getInteger("chaos.customers", shortRun ? 12 : 24);
    private final int faultSeconds = Integer.getInteger("chaos.fault.seconds", shortRun ? 10 : 25);
    private final int betweenSeconds = Integer.getInteger("chaos.between.seconds", shortRun ? 10 : 25);
    private final int warmupSeconds = Integer.getInteger("chaos.warmup.seconds", shortRun ? 10 : 30);
    private final List<String> victims = List.of(System.getProperty("chaos.victims", "kafka-2,orders-1,router-1,wallet-1").split(","));

    public static void main(String[] args) {
        int status;
        try {
            status = new ClusterChaos().run();
        } catch (Throwable t) {
            t.printStackTrace();
            status = 2;
        }
        System.exit(status);
    }

    private int run() throws Exception {
        Map<String, String> env = cluster("env");
        String url = env.get("ROUTER_URL");
        System.out.printf("chaos (%s) against %s: %d checkouts/s by %d customers with live trackers; victims %s, each down %d s, %d s after each restart%n",
                shortRun ? "short" : "long", url, rate, customerCount, victims, faultSeconds, betweenSeconds);
        printKafkaTopics(env.get("KAFKA_BOOTSTRAP_SERVERS"));

        Gql gql = new Gql(url);
        Shop shop = new Shop(gql, env.get("MONGODB_URI"), env.get("ADMIN_EMAIL"), env.get("ADMIN_PASSWORD"));
        int plentifulStock = 1_000_000;
        int scarceStock = shortRun ? 15 : 40;
        String plentiful = shop.createProduct("Chaos tea", "1.00", plentifulStock);
        String scarce = shop.createProduct("Chaos rare tea", "2.00", scarceStock);
        Map<String, Integer> initialStock = Map.of(plentiful, plentifulStock, scarce, scarceStock);

        // Every sixth customer can pay for about two orders: later ones are declined (stock released, nothing debited).
        List<Customer> customers = new ArrayList<>();
        Map<Customer, BigDecimal> toppedUp = new LinkedHashMap<>();
        for (int i = 0; i < customerCount; i++) {
            Customer c = shop.signUp("chaos" + i);
            BigDecimal amount = new BigDecimal(i % 6 == 5 ? "8.00" : "2000.00");
            shop.topUp(c, amount.toPlainString());
            customers.add(c);
            toppedUp.put(c, amount);
        }
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(4);
        Map<String, Tracker> trackers = new LinkedHashMap<>();
        for (Customer c : customers) {
            Tracker t = new Tracker(c.email(), url, c.token(), scheduler);
            t.start();
            trackers.put(c.id(), t);
        }
        awaitTrue("every tracker connected", 30, () -> trackers.values().stream().allMatch(Tracker::live));
        Thread.sleep(2000); // the router opens each subscription upstream after acknowledging the connection

        CheckoutLoad load = new CheckoutLoad(gql, customers, trackers, plentiful, scarce, 5, rate);
        long t0 = System.currentTimeMillis();
        load.phase("steady");
        load.start(scheduler);
        Thread.sleep(warmupSeconds * 1000L);
        Map<String, String> restarts = new LinkedHashMap<>();
        for (String victim : victims) {
            load.phase("kill " + victim);
            System.out.printf("%6.1f s  kill -9 %s%n", (System.currentTimeMillis() - t0) / 1000.0, victim);
            cluster("kill", victim);
            Thread.sleep(faultSeconds * 1000L);
            load.phase("restart " + victim);
            System.out.printf("%6.1f s  start %s%n", (System.currentTimeMillis() - t0) / 1000.0, victim);
            long s0 = System.currentTimeMillis();
            cluster("start", victim);
            restarts.put(victim, String.format("%.1f s", (System.currentTimeMillis() - s0) / 1000.0));
            System.out.printf("%6.1f s  %s healthy again after %s%n", (System.currentTimeMillis() - t0) / 1000.0, victim, restarts.get(victim));
            Thread.sleep(betweenSeconds * 1000L);
        }
        load.phase("drain");
        load.stop();
        long loadMs = System.currentTimeMillis() - t0;
        List<CheckoutLoad.Placed> placed = load.placed();
        System.out.printf("%6.1f s  load stopped: %d orders placed%n", loadMs / 1000.0, placed.size());
        violations.addAll(load.problems());

        // ---- every order final
        List<String> ids = placed.stream().map(CheckoutLoad.Placed::orderId).toList();
        Map<String, JsonNode> orders = awaitSettled(shop, ids, 180);
        long settledMs = System.currentTimeMillis() - t0 - loadMs;
        Map<String, Long> byOutcome = new TreeMap<>();
        List<String> stuck = new ArrayList<>();
        for (var e : orders.entrySet()) {
            JsonNode o = e.getValue();
            String status = o.path("status").asString();
            String reason = o.path("failureReason").isNull() ? "" : " (" + o.path("failureReason").asString() + ")";
            byOutcome.merge(status + reason, 1L, Long::sum);
            if (!FINAL.contains(status)) stuck.add(e.getKey() + " " + status);
        }
        if (!stuck.isEmpty()) violations.add(stuck.size() + " orders stuck: " + stuck.subList(0, Math.min(10, stuck.size())));

        // ---- stock conservation, per product (sold = units in CONFIRMED orders, whatever their carts held)
        Map<String, Integer> sold = new HashMap<>();
        Map<Customer, BigDecimal> spent = new HashMap<>();
        Map<String, Customer> owner = placed.stream().collect(Collectors.toMap(CheckoutLoad.Placed::orderId, CheckoutLoad.Placed::customer));
        orders.forEach((id, o) -> {
            if (!"CONFIRMED".equals(o.path("status").asString())) return;
            for (JsonNode line : o.path("lines")) sold.merge(line.at("/product/id").asString(), line.path("quantity").asInt(), Integer::sum);
            spent.merge(owner.get(id), new BigDecimal(o.at("/total/amount").asString()), BigDecimal::add);
        });
        Map<String, String> stockFigures = new LinkedHashMap<>();
        boolean stockOk = awaitTrue("stock + reserved + sold = initial stock", 60, () -> {
            boolean ok = true;
            for (var e : initialStock.entrySet()) {
                int stock = shop.stock(e.getKey());
                int reserved = shop.reservedInCatalog(e.getKey());
                int s = sold.getOrDefault(e.getKey(), 0);
                stockFigures.put(e.getKey().equals(scarce) ? "scarce" : "plentiful",
                        String.format("initial %d = stock %d + reserved %d + sold %d", e.getValue(), stock, reserved, s));
                ok &= reserved == 0 && stock + reserved + s == e.getValue();
            }
            return ok;
        });
        if (!stockOk) violations.add("stock not conserved: " + stockFigures);

        // ---- money
        String[] auditFigure = {""};
        boolean moneyOk = awaitTrue("walletAudit clean, balances = top-ups - confirmed orders", 60, () -> {
            Shop.Audit audit = shop.walletAudit(customers);
            auditFigure[0] = String.format("walletAudit: %d wallets checked, %d mismatches", audit.walletsChecked(), audit.mismatchCount());
            if (audit.mismatchCount() != 0 || audit.walletsChecked() != customers.size()) return false;
            for (Customer c : customers) {
                BigDecimal expected = toppedUp.get(c).subtract(spent.getOrDefault(c, BigDecimal.ZERO));
                if (shop.balance(c).compareTo(expected) != 0) {
                    auditFigure[0] += "; balance of " + c.email() + " is " + shop.balance(c) + ", expected " + expected;
                    return false;
                }
            }
            return true;
        });
        if (!moneyOk) violations.add("money: " + auditFigure[0]);

        // ---- notifications: exactly one per order for its final status, none twice
        Map<Customer, List<String>> ordersOf = placed.stream().collect(Collectors.groupingBy(CheckoutLoad.Placed::customer,
                Collectors.mapping(CheckoutLoad.Placed::orderId, Collectors.toList())));
        String[] notificationFigure = {""};
        boolean notificationsOk = awaitTrue("one notification per final order status", 60, () -> {
            int exact = 0, missing = 0, duplicated = 0;
            for (var e : ordersOf.entrySet()) {
                Map<String, Long> counts = notificationKeys(gql, e.getKey()).stream()
                        .collect(Collectors.groupingBy(k -> k, Collectors.counting()));
                duplicated += (int) counts.values().stream().filter(n -> n > 1).count();
                for (String id : e.getValue()) {
                    Long n = counts.get(id + ":ORDER_" + orders.get(id).path("status").asString());
                    if (n == null) missing++;
                    else if (n == 1) exact++;
                }
            }
            notificationFigure[0] = String.format("%d orders with exactly one notification of their final status, %d without, %d notifications duplicated",
                    exact, missing, duplicated);
            return missing == 0 && duplicated == 0;
        });
        if (!notificationsOk) violations.add("notifications: " + notificationFigure[0]);

        // ---- trackers
        Thread.sleep(2000); // the last events on their way to the trackers
        TrackerFigures tf = checkTrackers(placed, orders, trackers);
        for (Tracker t : trackers.values()) t.close();
        scheduler.shutdownNow();

        // ---- figures
        System.out.println();
        System.out.println("CHAOS RESULT (" + (shortRun ? "short" : "long") + ", " + Instant.now() + ")");
        System.out.printf("  load: %d checkouts/s target, %d customers, %.0f s under load; %d orders placed; all final %.1f s after the load stopped%n",
                rate, customerCount, loadMs / 1000.0, placed.size(), settledMs / 1000.0);
        System.out.println("  restarts (start to healthy): " + restarts);
        System.out.println("  phase                    checkouts  failed attempts  p50 ms  p99 ms  slowest ms  out-of-stock refusals");
        load.phases().forEach((name, f) -> {
            List<Long> l = new ArrayList<>(f.latenciesMs);
            Collections.sort(l);
            System.out.printf("  %-24s %9d  %15d  %6d  %6d  %10d  %d%n", name, f.checkouts.get(), f.failedAttempts.get(), pct(l, 50), pct(l, 99),
                    f.slowestMs.get(), f.outOfStockRefusals.get());
        });
        System.out.println("  orders: " + byOutcome + (stuck.isEmpty() ? ", none stuck" : ", STUCK " + stuck.size()));
        System.out.println("  stock: " + stockFigures + (stockOk ? " (conserved)" : " (NOT CONSERVED)"));
        System.out.println("  money: " + auditFigure[0] + (moneyOk ? "; every balance = top-ups - confirmed orders" : " (FAILED)"));
        System.out.println("  notifications: " + notificationFigure[0]);
        System.out.println("  trackers: " + tf.summary());
        System.out.println("  tracker notices: " + tf.causes());
        List<Long> lags = new ArrayList<>(trackers.values().stream().flatMap(t -> t.lagsMs().stream()).toList());
        Collections.sort(lags);
        List<Long> noticed = new ArrayList<>(noticeLagMs);
        Collections.sort(noticed);
        System.out.printf("  status change -> tracker (events received): p50 %d ms, p99 %d ms, max %d ms; missed changes covered by a notice: %d, "
                        + "the notice came at most %d ms after the change (in flight: at most %d ms behind the stream's position)%n",
                pct(lags, 50), pct(lags, 99), lags.isEmpty() ? -1 : lags.getLast(), noticed.size(), noticed.isEmpty() ? 0 : noticed.getLast(), IN_FLIGHT_MS);
        if (violations.isEmpty()) {
            System.out.println("CHAOS: every invariant held");
            return 0;
        }
        System.out.println("CHAOS: " + violations.size() + " violation(s):");
        violations.stream().limit(40).forEach(v -> System.out.println("  - " + v));
        return 1;
    }

    private record TrackerFigures(int orders, int complete, int caughtUp, int silentMisses, int wrongLast, int outOfOrder,
                                  Map<String, Long> causes) {
        String summary() {
            return String.format("%d orders: %d with every status change received live, %d caught up after a notice to reconnect, "
                    + "%d with a change missed without notice, %d whose tracker ended on another status than the final one, %d with events out of order or twice",
                    orders, complete, caughtUp, silentMisses, wrongLast, outOfOrder);
        }
    }

    private TrackerFigures checkTrackers(List<CheckoutLoad.Placed> placed, Map<String, JsonNode> orders, Map<String, Tracker> trackers) {
        int complete = 0, caughtUp = 0, silent = 0, wrongLast = 0, outOfOrder = 0;
        for (CheckoutLoad.Placed p : placed) {
            Tracker t = trackers.get(p.customer().id());
            JsonNode o = orders.get(p.orderId());
            List<String> history = new ArrayList<>();
            List<Long> historyAt = new ArrayList<>();
            for (JsonNode h : o.path("statusHistory")) {
                history.add(h.path("status").asString());
                historyAt.add(Instant.parse(h.path("at").asString()).toEpochMilli());
            }
            List<String> events = t.events().getOrDefault(p.orderId(), List.of());
            // Received events: a subsequence of the history, in order, none twice.
            int at = 0;
            boolean inOrder = true;
            List<Integer> matched = new ArrayList<>();
            for (String e : events) {
                int found = history.subList(at, history.size()).indexOf(e);
                if (found < 0) { inOrder = false; break; }
                matched.add(at + found);
                at = at + found + 1;
            }
            if (!inOrder) {
                outOfOrder++;
                violations.add("tracker of " + t.customer() + ", order " + p.orderId() + ": events " + events + " are not the history " + history + " in order");
                continue;
            }
            boolean missedSilently = false;
            for (int i = 0; i < history.size(); i++) {
                if (matched.contains(i)) continue;
                long when = historyAt.get(i);
                int missed = i;
                // Told: a notice came while the change could still be on its way to the tracker (in Kafka, in the
                // orders instance's live feed, in the router) and the tracker re-read the order after the change.
                // On its way: the tracker received no later status of this order before the notice (else the stream
                // skipped it: a silent gap), and the change is no older than where the stream had got when the notice
                // came, minus IN_FLIGHT_MS (under heavy load the stream runs far behind the clock, so "in flight" is
                // measured against the stream's own position, not against the notice's time).
                List<Long> arrived = t.arrivals(p.orderId());
                List<Tracker.Interruption> covering = t.interruptions().stream()
                        .filter(x -> when <= x.endMillis())
                        .filter(x -> {
                            for (int k = 0; k < matched.size(); k++) {
                                if (matched.get(k) > missed && k < arrived.size() && arrived.get(k) < x.startMillis()) return false;
                            }
                            return true;
                        })
                        .filter(x -> {
                            long position = t.streamPositionBefore(x.startMillis());
                            return position == Long.MIN_VALUE || when >= position - IN_FLIGHT_MS;
                        })
                        .toList();
                boolean noticed = !covering.isEmpty();
                if (noticed) {
                    noticeLagMs.add(covering.stream().mapToLong(x -> Math.max(0, x.startMillis() - when)).min().orElse(0));
                }
                if (!noticed) {
                    missedSilently = true;
                    violations.add(String.format("tracker of %s, order %s: missed %s at %s without a notice (events %s, history %s, notices %s)",
                            t.customer(), p.orderId(), history.get(i), Instant.ofEpochMilli(when), events, history, t.interruptions()));
                }
            }
            String finalStatus = o.path("status").asString();
            Tracker.Known k = t.known(p.orderId());
            if (k == null || !k.status().equals(finalStatus)) {
                wrongLast++;
                violations.add("tracker of " + t.customer() + ", order " + p.orderId() + ": knows " + k + ", the order is " + finalStatus);
            }
            if (missedSilently) silent++;
            else if (matched.size() == history.size()) complete++;
            else caughtUp++;
        }
        Map<String, Long> causes = trackers.values().stream().flatMap(t -> t.interruptions().stream())
                .collect(Collectors.groupingBy(Tracker.Interruption::cause, TreeMap::new, Collectors.counting()));
        return new TrackerFigures(placed.size(), complete, caughtUp, silent, wrongLast, outOfOrder, causes);
    }

    /** Reads the orders (admin) until none is in flight or the time is up; their last state. */
    private Map<String, JsonNode> awaitSettled(Shop shop, List<String> ids, int seconds) throws InterruptedException {
        long deadline = System.currentTimeMillis() + seconds * 1000L;
        Map<String, JsonNode> last = new LinkedHashMap<>();
        while (true) {
            try {
                last = readOrders(shop, ids);
                if (last.values().stream().allMatch(o -> FINAL.contains(o.path("status").asString()))) return last;
            } catch (RuntimeException e) {
                System.out.println("reading the orders failed (" + e.getMessage() + "), again");
            }
            if (System.currentTimeMillis() > deadline) return last;
            Thread.sleep(1000);
        }
    }

    private static Map<String, JsonNode> readOrders(Shop shop, List<String> ids) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (int from = 0; from < ids.size(); from += 20) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + 20));
            StringBuilder q = new StringBuilder("query {");
            for (int i = 0; i < chunk.size(); i++) {
                q.append(" o").append(i).append(": order(id: \"").append(chunk.get(i))
                        .append("\") { id status failureReason total { amount } lines { product { id } quantity } statusHistory { status at } }");
            }
            JsonNode d = shop.gql().data(q.append(" }").toString(), Map.of(), shop.admin());
            for (int i = 0; i < chunk.size(); i++) out.put(chunk.get(i), d.get("o" + i));
        }
        return out;
    }

    /** Every notification of the customer as "orderId:KIND", paging through all of them. */
    private static List<String> notificationKeys(Gql gql, Customer c) {
        List<String> keys = new ArrayList<>();
        String after = null;
        while (true) {
            Map<String, Object> vars = new HashMap<>();
            vars.put("after", after);
            JsonNode conn = gql.data("query($after: String) { myNotifications(first: 100, after: $after) { edges { node { kind order { id } } } pageInfo { hasNextPage endCursor } } }",
                    vars, c.token()).path("myNotifications");
            for (JsonNode e : conn.path("edges")) {
                JsonNode n = e.path("node");
                keys.add((n.path("order").isNull() ? "-" : n.at("/order/id").asString()) + ":" + n.path("kind").asString());
            }
            if (!conn.at("/pageInfo/hasNextPage").asBoolean(false)) return keys;
            after = conn.at("/pageInfo/endCursor").asString();
        }
    }

    private void printKafkaTopics(String bootstrap) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Set<String> names = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<String> shopTopics = names.stream().filter(n -> !n.startsWith("__")).sorted().toList();
            Map<String, TopicDescription> d = admin.describeTopics(shopTopics).allTopicNames().get(30, TimeUnit.SECONDS);
            List<ConfigResource> resources = shopTopics.stream().map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList();
            var configs = admin.describeConfigs(resources).all().get(30, TimeUnit.SECONDS);
            for (String n : shopTopics) {
                System.out.printf("  topic %-20s partitions %d, replication factor %d, min.insync.replicas %s%n", n, d.get(n).partitions().size(),
                        d.get(n).partitions().getFirst().replicas().size(), configs.get(new ConfigResource(ConfigResource.Type.TOPIC, n)).get("min.insync.replicas").value());
            }
        } catch (Exception e) {
            System.out.println("  (could not describe the Kafka topics: " + e.getMessage() + ")");
        }
    }

    private Map<String, String> cluster(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(root.resolve("scripts/cluster.sh").toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(root.toFile()).redirectErrorStream(true).start();
        Map<String, String> env = new LinkedHashMap<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                int eq = line.indexOf('=');
                if (args[0].equals("env") && eq > 0) env.put(line.substring(0, eq), line.substring(eq + 1));
                else System.out.println("          | " + line);
            }
        }
        if (p.waitFor() != 0) throw new IllegalStateException("scripts/cluster.sh " + String.join(" ", args) + " failed");
        return env;
    }

    private static boolean awaitTrue(String what, int seconds, Supplier<Boolean> condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + seconds * 1000L;
        while (true) {
            try {
                if (condition.get()) return true;
            } catch (RuntimeException e) {
                System.out.println("  (" + what + ": " + e.getMessage() + ")");
            }
            if (System.currentTimeMillis() > deadline) return false;
            Thread.sleep(1000);
        }
    }

    private static long pct(List<Long> sorted, int p) {
        if (sorted.isEmpty()) return -1;
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }
}
