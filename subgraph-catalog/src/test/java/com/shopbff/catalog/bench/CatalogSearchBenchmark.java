package com.shopbff.catalog.bench;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.shopbff.catalog.CatalogApplication;
import com.shopbff.catalog.search.ProductIndex;
import com.shopbff.catalog.search.ProductSearchRequest;
import com.shopbff.catalog.search.SearchCursor;
import com.shopbff.contracts.CatalogEvent;
import com.shopbff.contracts.Envelope;
import com.shopbff.contracts.MessageCodec;
import com.shopbff.contracts.Topics;
import com.shopbff.embedded.EmbeddedKafka;
import com.shopbff.embedded.EmbeddedMongo;
import com.shopbff.support.SubgraphApplications;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntFunction;

/**
 * Seeds a large catalog and prints p50/p95 latencies of storefront queries: search, category filter and deep paging
 * (page 50 by cursor). Not a test: run it with {@code scripts/bench-catalog.sh} (see subgraph-catalog/README.md).
 *
 * <ul>
 *   <li>no arguments: starts an embedded MongoDB-wire server and Kafka broker, writes the products straight into
 *       MongoDB, starts the catalog subgraph (which builds its index at start) and measures its /graphql;</li>
 *   <li>{@code --url U --mongo-uri M --kafka K}: writes the products into the MongoDB a running stack uses, announces
 *       them on {@code catalog.events} (every catalog instance indexes them), waits until U serves them and measures
 *       U, e.g. the router at http://localhost:4000/graphql.</li>
 * </ul>
 * Other options: {@code --seed false} (with --url: measure the products already there), {@code --products N} (100000), {@code --samples N} (300 per measure), {@code --database D}
 * (shop_catalog).
 */
public final class CatalogSearchBenchmark {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final int CATEGORIES = 20;
    private static final List<String> ADJECTIVES = List.of("Smoky", "Golden", "Organic", "Wild", "Roasted", "Classic",
            "Royal", "Spiced", "Mountain", "Velvet", "Crisp", "Rustic", "Honeyed", "Bright", "Deep", "Fresh");
    private static final List<String> ITEMS = List.of("Oolong Tea", "Sencha", "Darjeeling", "Earl Grey", "Espresso Beans",
            "Colombian Coffee", "Dark Chocolate", "Milk Chocolate", "Shortbread", "Ginger Biscuits", "Wildflower Honey",
            "Marmalade", "Cinnamon", "Cardamom", "Teapot", "French Press", "Matcha", "Rooibos", "Chai Blend", "Cocoa");
    private static final List<String> VARIANTS = List.of("100 g", "250 g", "500 g", "1 kg", "Gift Box", "Tin", "Refill", "Sampler");
    private static final List<String> SEARCHES = List.of("oolong", "oolo tea", "dark choc", "espresso", "smoky earl",
            "golden honey", "organic matcha", "gift box", "wild", "ginger biscuits 250", "roasted colombian coffee", "tin");
    /** Misspelt: every query needs the fuzzy (typo-tolerant) terms. */
    private static final List<String> TYPOS = List.of("olong", "darjeling", "expresso", "chocolat", "cardamon", "marmelade",
            "roibos", "cinammon", "shortbred", "colombain coffee", "matcah", "gingr biscuits");
    private static final List<String> PREFIXES = List.of("oo", "dar", "smok", "golden h", "espr", "cho", "ma", "gin bis",
            "roa col", "ti", "earl g", "wild");
    private static final List<String> NOTES = List.of("citrus", "caramel", "floral", "nutty", "malty", "earthy", "berry",
            "vanilla", "toasted", "herbal", "bright", "mellow");
    private static final List<String> ORIGINS = List.of("Assam", "Yunnan", "Kenya", "Sidamo", "Huila", "Ghana", "Sri Lanka",
            "Fujian", "Kyoto", "Darjeeling hills");
    private static final String SUGGEST = "query($p: String!) { searchSuggestions(prefix: $p) { id name } }";
    private static final String PAGE = """
            query($f: ProductFilter, $a: String) { products(filter: $f, first: 20, after: $a) {
              totalCount edges { cursor node { id name price { amount currency } stock available category { id name } } }
              pageInfo { hasNextPage endCursor } } }""";

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = options(args);
        int products = Integer.parseInt(opts.getOrDefault("products", "100000"));
        int samples = Integer.parseInt(opts.getOrDefault("samples", "300"));
        String database = opts.getOrDefault("database", "shop_catalog");
        String url = opts.get("url");
        List<AutoCloseable> started = new ArrayList<>();
        ConfigurableApplicationContext app = null;
        try {
            if (url == null) {
                EmbeddedMongo mongo = EmbeddedMongo.inMemory(0);
                started.add(mongo);
                EmbeddedKafka kafka = EmbeddedKafka.startTemporary();
                started.add(kafka);
                kafka.createTopics(Topics.ALL, 3);
                seed(mongo.connectionString(), database, products, null);
                long t0 = System.nanoTime();
                app = SubgraphApplications.builder(CatalogApplication.class, CatalogApplication.CONFIG_NAME)
                        .run("--server.port=0", "--spring.mongodb.uri=" + mongo.connectionString(),
                                "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(), "--shop.catalog.seed-demo=false",
                                "--logging.level.root=WARN", "--spring.mongodb.database=" + database);
                started.addFirst(app::close);
                System.out.printf("catalog subgraph started (index of %d products built) in %.1f s%n", products, (System.nanoTime() - t0) / 1e9);
                url = "http://127.0.0.1:" + ((WebServerApplicationContext) app).getWebServer().getPort() + "/graphql";
            } else {
                if (!"false".equals(opts.get("seed"))) {
                    String mongoUri = require(opts, "mongo-uri");
                    String kafka = require(opts, "kafka");
                    seed(mongoUri, database, products, kafka);
                }
                waitUntilServed(url, products);
                // The seeding events are still being applied elsewhere (the orders subgraph's product projection):
                // measure a quiet stack, not that catch-up (--await-quiet-seconds 0 on a machine others keep busy).
                awaitQuiet(Integer.parseInt(opts.getOrDefault("await-quiet-seconds", "600")));
            }
            List<Object[]> page50 = measure(url, samples);
            if (app != null) measureIndex(app.getBean(ProductIndex.class), samples, page50);
        } finally {
            for (AutoCloseable c : started) c.close();
        }
    }

    static void seed(String mongoUri, String database, int count, String kafkaBootstrap) throws Exception {
        long t0 = System.nanoTime();
        Random random = new Random(42);
        Instant now = Instant.now();
        try (MongoClient client = MongoClients.create(mongoUri);
             KafkaProducer<String, byte[]> producer = kafkaBootstrap == null ? null : new KafkaProducer<>(
                     Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrap, ProducerConfig.LINGER_MS_CONFIG, 20),
                     new StringSerializer(), new ByteArraySerializer())) {
            var db = client.getDatabase(database);
            MongoCollection<Document> categories = db.getCollection("categories");
            for (int c = 0; c < CATEGORIES; c++) {
                categories.replaceOne(new Document("_id", categoryId(c)), new Document("_id", categoryId(c))
                        .append("name", "Bench Category %02d".formatted(c)).append("createdAt", Date.from(now)),
                        new ReplaceOptions().upsert(true));
            }
            MongoCollection<Document> productsCollection = db.getCollection("products");
            List<Document> batch = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String id = "bench-%06d".formatted(i);
                String name = ADJECTIVES.get(random.nextInt(ADJECTIVES.size())) + " " + ITEMS.get(random.nextInt(ITEMS.size()))
                        + " " + VARIANTS.get(random.nextInt(VARIANTS.size())) + " " + i;
                long price = 99 + random.nextInt(5000);
                int stock = random.nextInt(10) == 0 ? 0 : random.nextInt(200);
                Date created = Date.from(now.minusSeconds(count - i));
                String description = "Benchmark product " + i + ": " + NOTES.get(random.nextInt(NOTES.size())) + " and "
                        + NOTES.get(random.nextInt(NOTES.size())) + " notes, sourced from " + ORIGINS.get(random.nextInt(ORIGINS.size()))
                        + ". Pairs well with " + ITEMS.get(random.nextInt(ITEMS.size())).toLowerCase() + ".";
                batch.add(new Document("_id", id).append("name", name).append("description", description)
                        .append("categoryId", categoryId(i % CATEGORIES)).append("priceMinor", price).append("stock", stock)
                        .append("reserved", 0).append("images", List.of()).append("active", true)
                        .append("createdAt", created).append("updatedAt", created).append("version", 1L)
                        .append("holds", List.of()).append("returns", List.of()).append("outbox", List.of()));
                if (batch.size() == 2000) {
                    insert(productsCollection, batch, producer);
                    batch.clear();
                }
            }
            if (!batch.isEmpty()) insert(productsCollection, batch, producer);
        }
        System.out.printf("seeded %d products in %d categories in %.1f s%n", count, CATEGORIES, (System.nanoTime() - t0) / 1e9);
    }

    /** Writes a batch, then announces it: a catalog instance reads each announced product back from MongoDB. */
    private static void insert(MongoCollection<Document> products, List<Document> batch, KafkaProducer<String, byte[]> producer) {
        // Upserts, so the command can run again against the same database.
        products.bulkWrite(batch.stream().map(d -> new ReplaceOneModel<>(new Document("_id", d.get("_id")), d,
                new ReplaceOptions().upsert(true))).toList());
        if (producer == null) return;
        for (Document d : batch) {
            var event = Envelope.of(new CatalogEvent.ProductChanged(d.getString("_id"), d.getString("name"), d.getLong("priceMinor"),
                    "USD", true, d.getInteger("stock")));
            producer.send(new ProducerRecord<>(Topics.CATALOG_EVENTS, d.getString("_id"), MessageCodec.encode(event)));
        }
        producer.flush();
    }

    /** Waits until the machine's load (this process excluded: it sleeps) has been low for 5 s, at most {@code seconds}. */
    static void awaitQuiet(int seconds) throws Exception {
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        int quietSeconds = 0;
        while (quietSeconds < 5 && System.nanoTime() < deadline) {
            Thread.sleep(1000);
            quietSeconds = os.getCpuLoad() < 0.15 ? quietSeconds + 1 : 0;
        }
        System.out.printf("machine CPU load before measuring: %.0f %%%n", os.getCpuLoad() * 100);
    }

    static void waitUntilServed(String url, int count) throws Exception {
        long deadline = System.nanoTime() + 30L * 60 * 1_000_000_000L;
        int perCategory = count / CATEGORIES;
        while (System.nanoTime() < deadline) {
            Integer total = post(url, PAGE, Map.of("f", Map.of("categoryId", categoryId(CATEGORIES - 1)))).read("$.data.products.totalCount");
            if (total != null && total >= perCategory) return;
            Thread.sleep(2000);
        }
        throw new IllegalStateException(url + " did not index the benchmark products in time");
    }

    static List<Object[]> measure(String url, int samples) throws Exception {
        Random random = new Random(7);
        System.out.printf("measuring %s: %d samples each, one client, 20 products a page with totalCount%n", url, samples);
        // Warm-up: JIT, connection, index readers.
        for (int round = 0; round < 3; round++) {
            time(url, 100, i -> new Object[]{Map.of("search", SEARCHES.get(i % SEARCHES.size())), null});
            time(url, 100, i -> new Object[]{Map.of("categoryId", categoryId(i % CATEGORIES)), null});
        }
        long[] baseline = timeQuery(url, samples, "{ __typename }");

        long[] search = time(url, samples, i -> new Object[]{Map.of("search", SEARCHES.get(i % SEARCHES.size())), null});
        long[] typos = time(url, samples, i -> new Object[]{Map.of("search", TYPOS.get(i % TYPOS.size())), null});
        for (int i = 0; i < 100; i++) post(url, SUGGEST, Map.of("p", PREFIXES.get(i % PREFIXES.size())));
        long[] suggest = timeSuggestions(url, samples);
        long[] category = time(url, samples, i -> new Object[]{Map.of("categoryId", categoryId(random.nextInt(CATEGORIES))), null});

        // Deep paging: walk 49 pages by cursor for a few categories, then time fetching page 50 again and again.
        List<Object[]> page50 = new ArrayList<>();
        for (int c = 0; c < 5; c++) {
            Map<String, Object> filter = Map.of("categoryId", categoryId(c));
            String after = null;
            for (int p = 1; p < 50; p++) {
                after = post(url, PAGE, vars(filter, after)).read("$.data.products.pageInfo.endCursor");
                if (after == null) throw new IllegalStateException("category " + c + " has fewer than 50 pages: deep paging needs --products 20000 or more");
            }
            page50.add(new Object[]{filter, after});
        }
        long[] deep = time(url, samples, i -> page50.get(i % page50.size()));

        report("baseline: { __typename }", baseline);
        report("search (12 queries, prefix words)", search);
        report("search with typos (12 queries)", typos);
        report("searchSuggestions (12 prefixes)", suggest);
        report("category filter", category);
        report("deep paging (page 50 by cursor)", deep);
        return page50;
    }

    /** The same requests straight into the search index, without HTTP and GraphQL: what the engine itself costs. */
    static void measureIndex(ProductIndex index, int samples, List<Object[]> page50) {
        Random random = new Random(7);
        IntFunction<ProductSearchRequest> search = i -> request(SEARCHES.get(i % SEARCHES.size()), null, null);
        IntFunction<ProductSearchRequest> category = i -> request(null, categoryId(random.nextInt(CATEGORIES)), null);
        IntFunction<ProductSearchRequest> deep = i -> {
            Object[] p = page50.get(i % page50.size());
            @SuppressWarnings("unchecked") Map<String, Object> f = (Map<String, Object>) p[0];
            return request(null, (String) f.get("categoryId"), SearchCursor.decode((String) p[1], ProductSearchRequest.SortKey.NAME, false));
        };
        for (int i = 0; i < 2000; i++) index.search(i % 2 == 0 ? search.apply(i) : category.apply(i));
        System.out.println("in-process, straight into the Lucene index (no HTTP, no GraphQL):");
        report("  search", timeIndex(index, samples * 5, search));
        report("  search with typos", timeIndex(index, samples * 5, i -> request(TYPOS.get(i % TYPOS.size()), null, null)));
        long[] suggest = new long[samples * 5];
        for (int i = 0; i < suggest.length; i++) {
            long t0 = System.nanoTime();
            index.suggest(PREFIXES.get(i % PREFIXES.size()));
            suggest[i] = System.nanoTime() - t0;
        }
        report("  suggestions", suggest);
        report("  category filter", timeIndex(index, samples * 5, category));
        report("  deep paging (page 50)", timeIndex(index, samples * 5, deep));
    }

    /** As the API asks: by relevance when there is search text, else by name. */
    private static ProductSearchRequest request(String search, String categoryId, SearchCursor after) {
        return new ProductSearchRequest(search, categoryId, null, null, null,
                search == null ? ProductSearchRequest.SortKey.NAME : ProductSearchRequest.SortKey.RELEVANCE, false, after, 20);
    }

    private static long[] timeIndex(ProductIndex index, int n, IntFunction<ProductSearchRequest> request) {
        long[] nanos = new long[n];
        for (int i = 0; i < n; i++) {
            ProductSearchRequest r = request.apply(i);
            long t0 = System.nanoTime();
            index.search(r);
            nanos[i] = System.nanoTime() - t0;
        }
        return nanos;
    }

    private static long[] time(String url, int n, IntFunction<Object[]> request) throws Exception {
        long[] nanos = new long[n];
        for (int i = 0; i < n; i++) {
            Object[] r = request.apply(i);
            @SuppressWarnings("unchecked") Map<String, Object> filter = (Map<String, Object>) r[0];
            long t0 = System.nanoTime();
            DocumentContext response = post(url, PAGE, vars(filter, (String) r[1]));
            nanos[i] = System.nanoTime() - t0;
            Map<String, Object> root = response.read("$");
            if (root.containsKey("errors")) throw new IllegalStateException("query failed: " + response.jsonString());
        }
        return nanos;
    }

    private static long[] timeSuggestions(String url, int n) throws Exception {
        long[] nanos = new long[n];
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            DocumentContext response = post(url, SUGGEST, Map.of("p", PREFIXES.get(i % PREFIXES.size())));
            nanos[i] = System.nanoTime() - t0;
            Map<String, Object> root = response.read("$");
            if (root.containsKey("errors")) throw new IllegalStateException("query failed: " + response.jsonString());
        }
        return nanos;
    }

    private static long[] timeQuery(String url, int n, String query) throws Exception {
        long[] nanos = new long[n];
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            post(url, query, Map.of());
            nanos[i] = System.nanoTime() - t0;
        }
        return nanos;
    }

    private static void report(String name, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf("%-36s p50 %6.2f ms   p95 %6.2f ms   p99 %6.2f ms   max %6.2f ms%n", name,
                pct(sorted, 50), pct(sorted, 95), pct(sorted, 99), sorted[sorted.length - 1] / 1e6);
    }

    private static double pct(long[] sorted, int p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }

    private static Map<String, Object> vars(Map<String, Object> filter, String after) {
        Map<String, Object> vars = new HashMap<>();
        vars.put("f", filter);
        vars.put("a", after);
        return vars;
    }

    private static DocumentContext post(String url, String query, Map<String, Object> variables) throws Exception {
        Map<String, Object> body = new HashMap<>();
        body.put("query", query);
        body.put("variables", variables);
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) throw new IllegalStateException("HTTP " + response.statusCode() + ": " + response.body());
        return JsonPath.parse(response.body());
    }

    private static String categoryId(int c) {
        return "bench-cat-%02d".formatted(c);
    }

    private static String require(Map<String, String> opts, String name) {
        String v = opts.get(name);
        if (v == null) throw new IllegalArgumentException("--" + name + " is needed with --url");
        return v;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> opts = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) throw new IllegalArgumentException("unexpected argument " + args[i]);
            opts.put(args[i].substring(2), args[i + 1]);
        }
        return opts;
    }
}
