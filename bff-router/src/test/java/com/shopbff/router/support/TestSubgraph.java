package com.shopbff.router.support;

import com.shopbff.router.json.Json;
import com.sun.net.httpserver.HttpServer;
import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.schema.*;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import graphql.schema.idl.TypeRuntimeWiring;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.*;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A real GraphQL subgraph over HTTP for tests: graphql-java executing plain SDL against static maps, plus the
 * federation {@code _entities} field. Records every request so tests can count fetches and inspect headers.
 */
@SuppressWarnings({"rawtypes", "unchecked"})
public final class TestSubgraph implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService pool;
    private final GraphQL graphql;
    public final List<Map<String, Object>> requests = new CopyOnWriteArrayList<>();
    public final List<Map<String, String>> headers = new CopyOnWriteArrayList<>();
    private volatile int status = 200;
    private volatile long delayMs;

    private TestSubgraph(GraphQL graphql) throws IOException {
        this.graphql = graphql;
        this.pool = Executors.newFixedThreadPool(4);
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(pool);
        server.createContext("/graphql", ex -> {
            try {
                byte[] in = ex.getRequestBody().readAllBytes();
                @SuppressWarnings("unchecked")
                Map<String, Object> body = (Map<String, Object>) Json.parse(in);
                requests.add(body);
                Map<String, String> h = new HashMap<>();
                ex.getRequestHeaders().forEach((k, v) -> h.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
                headers.add(h);
                if (delayMs > 0) Thread.sleep(delayMs);
                byte[] out;
                int st = status;
                if (st != 200) {
                    out = "oops".getBytes(StandardCharsets.UTF_8);
                } else {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> vars = (Map<String, Object>) body.getOrDefault("variables", Map.of());
                    ExecutionResult r = graphql.execute(ExecutionInput.newExecutionInput((String) body.get("query"))
                            .variables(vars == null ? Map.of() : vars).build());
                    out = Json.write(r.toSpecification());
                }
                ex.getResponseHeaders().add("content-type", "application/json");
                ex.sendResponseHeaders(st, out.length);
                try (OutputStream os = ex.getResponseBody()) {
                    os.write(out);
                }
            } catch (Exception e) {
                ex.sendResponseHeaders(500, -1);
            } finally {
                ex.close();
            }
        });
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/graphql";
    }

    /** Requests whose query uses {@code _entities}. */
    public long entityRequests() {
        return requests.stream().filter(r -> String.valueOf(r.get("query")).contains("_entities")).count();
    }

    public void failWith(int httpStatus) {
        this.status = httpStatus;
    }

    public void delay(long ms) {
        this.delayMs = ms;
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }

    public static Builder builder(String sdl) {
        return new Builder(sdl);
    }

    /** Builds a subgraph from SDL, root values, entity resolvers and field fetchers. */
    public static final class Builder {
        private final String sdl;
        private final Map<String, Object> query = new LinkedHashMap<>();
        private final Map<String, Object> mutation = new LinkedHashMap<>();
        private final Map<String, Function<Map<String, Object>, Map<String, Object>>> entities = new LinkedHashMap<>();
        private final Map<String, Function<Map<String, Object>, Map<String, Object>>> interfaceEntities = new LinkedHashMap<>();
        private final Map<String, Map<String, DataFetcher>> fetchers = new HashMap<>();

        Builder(String sdl) {
            this.sdl = sdl;
        }

        /** A root query field answering a static value (maps carry {@code __typename} for abstract types). */
        public Builder query(String field, Object value) {
            query.put(field, value);
            return this;
        }

        public Builder mutation(String field, DataFetcher<?> f) {
            return fetcher("Mutation", field, f);
        }

        /** Resolves {@code _entities} representations of a type; return null for unknown ones. */
        public Builder entity(String type, Function<Map<String, Object>, Map<String, Object>> resolver) {
            entities.put(type, resolver);
            return this;
        }

        /**
         * Resolves representations whose {@code __typename} is an interface (an entity interface other subgraphs
         * see as {@code @interfaceObject}); the resolver returns the concrete object with its {@code __typename}.
         */
        public Builder interfaceEntity(String iface, Function<Map<String, Object>, Map<String, Object>> resolver) {
            interfaceEntities.put(iface, resolver);
            return this;
        }

        /** Entities from a table keyed by one key field. */
        public Builder entityTable(String type, String keyField, List<Map<String, Object>> rows) {
            return entity(type, rep -> rows.stream().filter(r -> Objects.equals(String.valueOf(r.get(keyField)),
                    String.valueOf(rep.get(keyField)))).findFirst().map(r -> {
                        Map<String, Object> m = new LinkedHashMap<>(rep);
                        m.putAll(r);
                        return m;
                    }).orElse(null));
        }

        public Builder fetcher(String type, String field, DataFetcher<?> f) {
            fetchers.computeIfAbsent(type, k -> new HashMap<>()).put(field, f);
            return this;
        }

        public TestSubgraph start() {
            StringBuilder full = new StringBuilder(sdl);
            full.append("\nscalar _Any\n");
            if (!entities.isEmpty()) {
                full.append("union _Entity = ").append(String.join(" | ", entities.keySet())).append('\n');
                full.append("extend type Query { _entities(representations: [_Any!]!): [_Entity]! }\n");
            }
            TypeDefinitionRegistry reg = new SchemaParser().parse(full.toString());
            GraphQLScalarType any = GraphQLScalarType.newScalar().name("_Any").coercing(new Coercing<Object, Object>() {
                @Override
                public Object serialize(Object o) {
                    return o;
                }

                @Override
                public Object parseValue(Object o) {
                    return o;
                }

                @Override
                public Object parseLiteral(Object o) {
                    return o;
                }
            }).build();
            RuntimeWiring.Builder w = RuntimeWiring.newRuntimeWiring().scalar(any);
            TypeResolver byTypename = env -> {
                Object o = env.getObject();
                String tn = o instanceof Map<?, ?> m ? String.valueOf(m.get("__typename")) : null;
                return tn == null ? null : env.getSchema().getObjectType(tn);
            };
            reg.types().values().forEach(t -> {
                if (t instanceof graphql.language.InterfaceTypeDefinition || t instanceof graphql.language.UnionTypeDefinition) {
                    w.type(TypeRuntimeWiring.newTypeWiring(t.getName()).typeResolver(byTypename));
                }
            });
            Map<String, DataFetcher> q = new HashMap<>();
            query.forEach((k, v) -> q.put(k, env -> v instanceof DataFetcher<?> df ? df.get(env) : v));
            if (!entities.isEmpty()) {
                q.put("_entities", env -> {
                    List<Map<String, Object>> reps = env.getArgument("representations");
                    List<Object> out = new ArrayList<>();
                    for (Map<String, Object> rep : reps) {
                        var r = entities.get(String.valueOf(rep.get("__typename")));
                        if (r == null) r = interfaceEntities.get(String.valueOf(rep.get("__typename")));
                        Map<String, Object> e = r == null ? null : r.apply(rep);
                        if (e != null && !e.containsKey("__typename")) {
                            e = new LinkedHashMap<>(e);
                            e.put("__typename", rep.get("__typename"));
                        }
                        out.add(e);
                    }
                    return out;
                });
            }
            q.putAll(fetchers.getOrDefault("Query", Map.of()));
            w.type(TypeRuntimeWiring.newTypeWiring("Query").dataFetchers(q));
            fetchers.forEach((type, fs) -> {
                if (!type.equals("Query")) w.type(TypeRuntimeWiring.newTypeWiring(type).dataFetchers(fs));
            });
            GraphQLSchema schema = new SchemaGenerator().makeExecutableSchema(reg, w.build());
            try {
                return new TestSubgraph(GraphQL.newGraphQL(schema).build());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
