package com.shopbff.router.bench;

import com.shopbff.router.json.Json;
import graphql.ExecutionInput;
import graphql.GraphQL;
import graphql.schema.Coercing;
import graphql.schema.DataFetcher;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import graphql.schema.TypeResolver;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeRuntimeWiring;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerOptions;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.*;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Router benchmark helper (not a test; run by {@code scripts/bench-router.sh}).
 *
 * <ul>
 *   <li>{@code subgraphs PORT DIR}: serves the four subgraphs of the classic federation demo (accounts, inventory,
 *   products, reviews; same SDL shape and static data as the public gateways benchmark) on
 *   {@code http://127.0.0.1:PORT/<name>}, and writes to DIR the supergraph for them and the request bodies the
 *   script sends ({@code heavy.json}, {@code one.json}, {@code one-direct.json}). Like that benchmark's subgraphs,
 *   each distinct request body is executed once (graphql-java) and then answered from a cache, so that the
 *   subgraphs cost little next to the router.</li>
 *   <li>{@code check URL BODYFILE}: POSTs the heavy query and compares the response with the expected one
 *   (structurally, key order included); exit status 1 on a difference.</li>
 * </ul>
 */
public final class RouterBench {
    private RouterBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length >= 3 && args[0].equals("subgraphs")) {
            subgraphs(Integer.parseInt(args[1]), Path.of(args[2]));
        } else if (args.length >= 3 && args[0].equals("check")) {
            System.exit(check(args[1], Path.of(args[2])) ? 0 : 1);
        } else {
            System.err.println("usage: RouterBench subgraphs PORT DIR | check URL BODYFILE");
            System.exit(2);
        }
    }

    // ---------------------------------------------------------------------------------------------- data

    static final String LOREM1 = "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris nisi ut aliquip ex ea commodo consequat. Duis aute irure dolor in reprehenderit in voluptate velit esse cillum dolore eu fugiat nulla pariatur. Excepteur sint occaecat cupidatat non proident, sunt in culpa qui officia deserunt mollit anim id est laborum.";
    static final String LOREM2 = "Sed ut perspiciatis unde omnis iste natus error sit voluptatem accusantium doloremque laudantium, totam rem aperiam, eaque ipsa quae ab illo inventore veritatis et quasi architecto beatae vitae dicta sunt explicabo. Nemo enim ipsam voluptatem quia voluptas sit aspernatur aut odit aut fugi";
    static final String LOREM3 = "sed quia consequuntur magni dolores eos qui ratione voluptatem sequi nesciunt. Neque porro quisquam est, qui dolorem ipsum quia dolor sit amet, consectetur, adipisci velit, sed quia non numquam eius modi tempora incidunt ut labore et dolore magnam aliquam quaerat voluptatem.";
    static final String LOREM4 = "Ut enim ad minima veniam, quis nostrum exercitationem ullam corporis suscipit laboriosam, nisi ut aliquid ex ea commodi consequatur? Quis autem";
    static final String LOREM11 = "At vero eos et accusamus et iusto odio dignissimos ducimus qui blanditiis praesentium voluptatum deleniti atque corrupti quos dolores et quas molestias excepturi sint occaecati cupiditate non provident, similique sunt in culpa qui officia deserunt mollitia animi, id est laborum et dolorum fuga. Et harum quidem rerum facilis est et expedita distinctio. Nam libero tempore, cum soluta nobis est eligendi optio cumque nihil impedit quo minus id quod maxime placeat facere possimus, omnis voluptas assumenda est, omnis dolor repellendus. Temporibus autem quibusdam et aut officiis debitis aut rerum necessitatibus saepe eveniet ut et voluptates repudiandae sint et molestiae non recusandae. Itaque earum rerum hic tenetur a sapiente delectus, ut aut reiciendis voluptatibus maiores alias consequatur aut perferendis doloribus asperiores repellat.";

    static Map<String, Object> m(Object... kv) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) out.put((String) kv[i], kv[i + 1]);
        return out;
    }

    static final List<Map<String, Object>> USERS = List.of(
            m("id", "1", "name", "Uri Goldshtein", "username", "urigo", "birthday", 1234567890),
            m("id", "2", "name", "Dotan Simha", "username", "dotansimha", "birthday", 1234567890),
            m("id", "3", "name", "Kamil Kisiela", "username", "kamilkisiela", "birthday", 1234567890),
            m("id", "4", "name", "Arda Tanrikulu", "username", "ardatan", "birthday", 1234567890),
            m("id", "5", "name", "Gil Gardosh", "username", "gilgardosh", "birthday", 1234567890),
            m("id", "6", "name", "Laurin Quast", "username", "laurin", "birthday", 1234567890));
    static final Map<String, Boolean> IN_STOCK = Map.of("1", true, "2", false, "3", false, "4", false, "5", true,
            "6", true, "7", true, "8", false, "9", true);
    static final List<Map<String, Object>> PRODUCTS = List.of(
            m("upc", "1", "name", "Table", "price", 899, "weight", 100),
            m("upc", "2", "name", "Couch", "price", 1299, "weight", 1000),
            m("upc", "3", "name", "Glass", "price", 15, "weight", 20),
            m("upc", "4", "name", "Chair", "price", 499, "weight", 100),
            m("upc", "5", "name", "TV", "price", 1299, "weight", 1000),
            m("upc", "6", "name", "Lamp", "price", 6999, "weight", 300),
            m("upc", "7", "name", "Grill", "price", 3999, "weight", 2000),
            m("upc", "8", "name", "Fridge", "price", 100000, "weight", 6000),
            m("upc", "9", "name", "Sofa", "price", 9999, "weight", 800));
    static final String[][] REVIEWS = {{"1", LOREM1, "1"}, {"2", LOREM2, "1"}, {"3", LOREM3, "1"}, {"4", LOREM4, "1"},
            {"5", LOREM1, "2"}, {"6", LOREM2, "2"}, {"7", LOREM3, "2"}, {"8", LOREM4, "2"}, {"9", LOREM4, "3"},
            {"10", LOREM4, "4"}, {"11", LOREM11, "4"}};

    static Integer shippingEstimate(Object price, Object weight) {
        if (!(price instanceof Number p)) return null;
        if (p.intValue() > 1000) return 0;
        if (!(weight instanceof Number w)) return null;
        return w.intValue() / 2;
    }

    // ---------------------------------------------------------------------------------------------- subgraphs

    static final String ACCOUNTS = """
            type Query { me: User user(id: ID!): User users: [User] }
            type User { id: ID! name: String username: String birthday: Int }
            """;
    static final String INVENTORY = """
            type Query { _unused: Int }
            type Product { upc: String! weight: Int price: Int inStock: Boolean shippingEstimate: Int }
            """;
    static final String PRODUCTS_SDL = """
            type Query { topProducts(first: Int = 5): [Product] }
            type Product { upc: String! name: String price: Int weight: Int }
            """;
    static final String REVIEWS_SDL = """
            type Query { _unused: Int }
            type Review { id: ID! body: String product: Product author: User }
            type User { id: ID! username: String reviews: [Review] }
            type Product { upc: String! reviews: [Review] }
            """;

    /** A federated subgraph: SDL, root fetchers and entity resolvers (typename → representation → object). */
    static GraphQL subgraph(String sdl, Map<String, DataFetcher<?>> query,
                            Map<String, java.util.function.Function<Map<String, Object>, Object>> entities) {
        return subgraph(sdl, query, entities, Map.of());
    }

    static GraphQL subgraph(String sdl, Map<String, DataFetcher<?>> query,
                            Map<String, java.util.function.Function<Map<String, Object>, Object>> entities,
                            Map<String, Map<String, DataFetcher>> fetchers) {
        StringBuilder full = new StringBuilder(sdl).append("\nscalar _Any\n");
        full.append("union _Entity = ").append(String.join(" | ", entities.keySet())).append('\n');
        full.append("extend type Query { _entities(representations: [_Any!]!): [_Entity]! }\n");
        GraphQLScalarType any = GraphQLScalarType.newScalar().name("_Any").coercing(new Coercing<Object, Object>() {
            @Override
            public Object serialize(Object o) {
                return o;
            }

            @Override
            public Object parseValue(Object o) {
                return o;
            }
        }).build();
        TypeResolver byTypename = env -> env.getSchema().getObjectType(
                String.valueOf(((Map<?, ?>) env.getObject()).get("__typename")));
        Map<String, DataFetcher> q = new HashMap<>(query);
        q.put("_entities", env -> {
            List<Map<String, Object>> reps = env.getArgument("representations");
            List<Object> out = new ArrayList<>();
            for (Map<String, Object> rep : reps) {
                var r = entities.get(String.valueOf(rep.get("__typename")));
                out.add(r == null ? null : r.apply(rep));
            }
            return out;
        });
        RuntimeWiring.Builder wb = RuntimeWiring.newRuntimeWiring().scalar(any)
                .type(TypeRuntimeWiring.newTypeWiring("_Entity").typeResolver(byTypename))
                .type(TypeRuntimeWiring.newTypeWiring("Query").dataFetchers(q));
        fetchers.forEach((type, fs) -> wb.type(TypeRuntimeWiring.newTypeWiring(type).dataFetchers(fs)));
        RuntimeWiring w = wb.build();
        GraphQLSchema schema = new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse(full.toString()), w);
        return GraphQL.newGraphQL(schema).build();
    }

    static Map<String, GraphQL> subgraphs() {
        Map<String, Map<String, Object>> usersById = new HashMap<>();
        for (Map<String, Object> u : USERS) usersById.put((String) u.get("id"), u);
        Map<String, Map<String, Object>> productsByUpc = new HashMap<>();
        for (Map<String, Object> p : PRODUCTS) productsByUpc.put((String) p.get("upc"), p);
        // reviews subgraph, with the reference's quirks: every author is user 1 ("urigo", provided username) and
        // every user's reviews are reviews 1 and 2
        List<Map<String, Object>> reviews = new ArrayList<>();
        Map<String, Object> author = m("__typename", "User", "id", "1", "username", "urigo");
        Map<String, List<Map<String, Object>>> reviewsByUpc = new HashMap<>();
        for (String[] r : REVIEWS) {
            Map<String, Object> rv = m("id", r[0], "body", r[1], "product", m("__typename", "Product", "upc", r[2]),
                    "author", author);
            reviews.add(rv);
            reviewsByUpc.computeIfAbsent(r[2], k -> new ArrayList<>()).add(rv);
        }
        List<Map<String, Object>> firstTwo = List.copyOf(reviews.subList(0, 2));
        author.put("reviews", firstTwo);

        Map<String, GraphQL> out = new LinkedHashMap<>();
        out.put("accounts", subgraph(ACCOUNTS, Map.of(
                "me", env -> USERS.get(0),
                "user", env -> usersById.get(String.valueOf((Object) env.getArgument("id"))),
                "users", env -> USERS), Map.of(
                "User", rep -> {
                    Map<String, Object> u = usersById.get(String.valueOf(rep.get("id")));
                    if (u == null) return null;
                    Map<String, Object> r = new LinkedHashMap<>(u);
                    r.put("__typename", "User");
                    return r;
                })));
        out.put("inventory", subgraph(INVENTORY, Map.of(), Map.of(
                "Product", rep -> {
                    Boolean stock = IN_STOCK.get(String.valueOf(rep.get("upc")));
                    if (stock == null) return null;
                    return m("__typename", "Product", "upc", rep.get("upc"), "inStock", stock, "price", rep.get("price"),
                            "weight", rep.get("weight"), "shippingEstimate",
                            shippingEstimate(rep.get("price"), rep.get("weight")));
                })));
        out.put("products", subgraph(PRODUCTS_SDL, Map.of(
                "topProducts", env -> {
                    Integer first = env.getArgument("first");
                    return PRODUCTS.subList(0, Math.min(PRODUCTS.size(), first == null ? 5 : first));
                }), Map.of(
                "Product", rep -> {
                    Map<String, Object> p = productsByUpc.get(String.valueOf(rep.get("upc")));
                    if (p == null) return null;
                    Map<String, Object> r = new LinkedHashMap<>(p);
                    r.put("__typename", "Product");
                    return r;
                })));
        out.put("reviews", subgraph(REVIEWS_SDL, Map.of(), Map.of(
                "User", rep -> m("__typename", "User", "id", rep.get("id"), "username", "user", "reviews", firstTwo),
                "Product", rep -> m("__typename", "Product", "upc", rep.get("upc"), "reviews",
                        reviewsByUpc.getOrDefault(String.valueOf(rep.get("upc")), List.of())),
                "Review", rep -> reviews.stream().filter(r -> r.get("id").equals(String.valueOf(rep.get("id"))))
                        .findFirst().orElse(null)), Map.of(
                "Product", Map.of("reviews", env -> reviewsByUpc.getOrDefault(
                        String.valueOf(((Map<?, ?>) env.getSource()).get("upc")), List.of())))));
        return out;
    }

    @SuppressWarnings("unchecked")
    static void subgraphs(int port, Path dir) throws Exception {
        Map<String, GraphQL> graphs = subgraphs();
        Map<String, Map<String, Buffer>> caches = new HashMap<>();
        for (String name : graphs.keySet()) caches.put("/" + name, new ConcurrentHashMap<>());
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setPreferNativeTransport(false));
        vertx.createHttpServer(new HttpServerOptions().setTcpNoDelay(true).setIdleTimeout(0)).requestHandler(req -> {
            String path = req.path();
            if (path.equals("/health")) {
                req.response().end("OK");
                return;
            }
            Map<String, Buffer> cache = caches.get(path);
            GraphQL gql = graphs.get(path.substring(1));
            if (cache == null || gql == null) {
                req.response().setStatusCode(404).end();
                return;
            }
            req.body().onSuccess(b -> {
                String key = b.toString(StandardCharsets.UTF_8);
                Buffer out = cache.get(key);
                if (out == null) {
                    Map<String, Object> body = (Map<String, Object>) Json.parse(b.getBytes());
                    Map<String, Object> vars = (Map<String, Object>) body.get("variables");
                    var result = gql.execute(ExecutionInput.newExecutionInput((String) body.get("query"))
                            .variables(vars == null ? Map.of() : vars).build());
                    out = Buffer.buffer(Json.write(result.toSpecification()));
                    if (cache.size() < 10_000) cache.put(key, out);
                }
                req.response().putHeader("content-type", "application/json").end(out);
            });
        }).listen(port, "127.0.0.1").await(10, TimeUnit.SECONDS);

        Files.createDirectories(dir);
        Files.writeString(dir.resolve("supergraph.graphql"),
                resource("supergraph.graphql").replace("${SUBGRAPH_PORT}", String.valueOf(port)));
        Files.writeString(dir.resolve("heavy.json"), Json.writeString(m("query", resource("heavy-query.graphql"))));
        Files.writeString(dir.resolve("heavy-expected.json"), resource("heavy-expected.json"));
        Files.writeString(dir.resolve("one.json"), Json.writeString(m("query",
                "query One { topProducts { upc name price weight } }")));
        Files.writeString(dir.resolve("one-direct.json"), Json.writeString(m("query",
                "query One { topProducts { upc name price weight } }")));
        System.out.println("subgraphs ready on http://127.0.0.1:" + port + "/{accounts,inventory,products,reviews}");
    }

    static String resource(String name) throws IOException {
        try (InputStream in = RouterBench.class.getResourceAsStream("/bench/" + name)) {
            if (in == null) throw new IOException("no resource /bench/" + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Posts the body, compares the response with {@code heavy-expected.json} next to it. */
    static boolean check(String url, Path bodyFile) throws Exception {
        HttpClient c = HttpClient.newHttpClient();
        HttpResponse<byte[]> r = c.send(HttpRequest.newBuilder(URI.create(url))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofFile(bodyFile)).build(), HttpResponse.BodyHandlers.ofByteArray());
        Object got = Json.parse(r.body());
        Object want = Json.parse(Files.readAllBytes(bodyFile.resolveSibling("heavy-expected.json")));
        boolean same = r.statusCode() == 200 && got.equals(want)
                && Json.writeString(got).equals(Json.writeString(want)); // key order too
        System.out.println("check: " + (same ? "OK" : "DIFFERENT") + " status=" + r.statusCode() + " bytes="
                + r.body().length);
        return same;
    }
}
