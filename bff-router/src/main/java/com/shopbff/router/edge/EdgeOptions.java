package com.shopbff.router.edge;

import com.shopbff.router.edge.authz.AuthzConfig;
import com.shopbff.router.edge.authz.ClaimPolicies;
import com.shopbff.router.edge.compression.CompressionConfig;
import com.shopbff.router.edge.cors.CorsConfig;
import com.shopbff.router.edge.cost.CostConfig;
import com.shopbff.router.edge.explorer.ExplorerConfig;
import com.shopbff.router.edge.persisted.PersistedConfig;
import com.shopbff.router.edge.ratelimit.RateLimitConfig;

import java.nio.file.Path;
import java.time.Duration;
import java.util.*;
import java.util.function.BiFunction;

/**
 * The standalone router's edge switches: one flag ({@code --cors-origins}) and one environment variable
 * ({@code ROUTER_CORS_ORIGINS}) each, flags winning; {@code --profile production} (or {@code ROUTER_PROFILE}) starts
 * from {@link EdgeConfig#PRODUCTION} instead of {@link EdgeConfig#DEFAULTS}. Lists are comma- or space-separated
 * (origin patterns space-separated only, as regular expressions may hold commas).
 */
public final class EdgeOptions {
    private EdgeOptions() {
    }

    /** One switch: its flag name (without dashes), what it takes, its default, and how it changes the config. */
    public record Option(String name, String value, String defaultText, String help,
                         BiFunction<EdgeConfig, String, EdgeConfig> apply) {
        public String env() {
            return "ROUTER_" + name.toUpperCase(Locale.ROOT).replace('-', '_');
        }
    }

    public static final List<Option> OPTIONS = List.of(
            new Option("cors-origins", "LIST", "none", "origins allowed to call from browsers (exact; * = any)",
                    (c, v) -> c.withCors(c.cors().withOrigins(list(v)))),
            new Option("cors-origin-patterns", "REGEXES", "none", "origins allowed by regular expression (space-separated)",
                    (c, v) -> c.withCors(c.cors().withOriginPatterns(spaced(v)))),
            new Option("cors-methods", "LIST", "GET,POST,OPTIONS", "methods a preflight may ask for",
                    (c, v) -> c.withCors(new CorsConfig(c.cors().origins(), c.cors().originPatterns(), list(v),
                            c.cors().headers(), c.cors().exposeHeaders(), c.cors().allowCredentials(), c.cors().maxAge()))),
            new Option("cors-headers", "LIST", "content-type,accept,authorization,apollo*,graphql-client-*,traceparent,tracestate",
                    "request headers a preflight may ask for",
                    (c, v) -> c.withCors(new CorsConfig(c.cors().origins(), c.cors().originPatterns(), c.cors().methods(),
                            list(v), c.cors().exposeHeaders(), c.cors().allowCredentials(), c.cors().maxAge()))),
            new Option("cors-expose-headers", "LIST", "retry-after", "response headers scripts may read",
                    (c, v) -> c.withCors(new CorsConfig(c.cors().origins(), c.cors().originPatterns(), c.cors().methods(),
                            c.cors().headers(), list(v), c.cors().allowCredentials(), c.cors().maxAge()))),
            new Option("cors-allow-credentials", "BOOL", "false", "allow cookies/Authorization cross-origin",
                    (c, v) -> c.withCors(c.cors().withCredentials(bool(v)))),
            new Option("cors-max-age", "SECONDS", "600", "how long browsers cache a preflight answer",
                    (c, v) -> c.withCors(new CorsConfig(c.cors().origins(), c.cors().originPatterns(), c.cors().methods(),
                            c.cors().headers(), c.cors().exposeHeaders(), c.cors().allowCredentials(),
                            Duration.ofSeconds(number(v))))),
            new Option("compression", "BOOL", "true", "compress responses (gzip, deflate, zstd) when the client asks",
                    (c, v) -> c.withCompression(new CompressionConfig(bool(v), c.compression().minBytes(),
                            c.compression().level(), c.compression().zstd(), c.compression().requestBodies()))),
            new Option("compression-min-bytes", "N", "1024", "smaller responses are not compressed",
                    (c, v) -> c.withCompression(new CompressionConfig(c.compression().responses(), (int) number(v),
                            c.compression().level(), c.compression().zstd(), c.compression().requestBodies()))),
            new Option("compression-level", "1-9", "5", "gzip/deflate level",
                    (c, v) -> c.withCompression(new CompressionConfig(c.compression().responses(), c.compression().minBytes(),
                            (int) number(v), c.compression().zstd(), c.compression().requestBodies()))),
            new Option("compression-zstd", "BOOL", "true", "offer zstd besides gzip and deflate",
                    (c, v) -> c.withCompression(new CompressionConfig(c.compression().responses(), c.compression().minBytes(),
                            c.compression().level(), bool(v), c.compression().requestBodies()))),
            new Option("request-decompression", "BOOL", "true", "accept gzip/deflate request bodies (size limit after decompression)",
                    (c, v) -> c.withCompression(new CompressionConfig(c.compression().responses(), c.compression().minBytes(),
                            c.compression().level(), c.compression().zstd(), bool(v)))),
            new Option("apq", "BOOL", "true", "Automatic Persisted Queries (off while trusted documents are enforced)",
                    (c, v) -> c.withPersisted(c.persisted().withApq(bool(v)))),
            new Option("apq-cache-bytes", "N", "16777216", "APQ cache bound (characters of query text)",
                    (c, v) -> c.withPersisted(new PersistedConfig(c.persisted().apq(), number(v), c.persisted().manifest(),
                            c.persisted().mode(), c.persisted().requireId(), c.persisted().reloadInterval()))),
            new Option("trusted-documents", "FILE", "none", "trusted documents manifest (Apollo persisted-query list or Codegen persisted-documents.json)",
                    (c, v) -> c.withPersisted(new PersistedConfig(c.persisted().apq(), c.persisted().apqCacheBytes(),
                            v.isBlank() ? null : Path.of(v.trim()), v.isBlank() ? PersistedConfig.Mode.OFF
                            : c.persisted().mode() == PersistedConfig.Mode.OFF ? PersistedConfig.Mode.LOG : c.persisted().mode(),
                            c.persisted().requireId(), c.persisted().reloadInterval()))),
            new Option("trusted-documents-mode", "off|log|enforce", "log with a manifest (enforce in production)",
                    "what happens to operations outside the manifest",
                    (c, v) -> c.withPersisted(new PersistedConfig(c.persisted().apq(), c.persisted().apqCacheBytes(),
                            c.persisted().manifest(), mode(v), c.persisted().requireId(), c.persisted().reloadInterval()))),
            new Option("trusted-documents-require-id", "BOOL", "false", "in enforce mode, refuse query text even when listed",
                    (c, v) -> c.withPersisted(c.persisted().withRequireId(bool(v)))),
            new Option("trusted-documents-reload-seconds", "N", "5", "how often the manifest file is checked for changes",
                    (c, v) -> c.withPersisted(new PersistedConfig(c.persisted().apq(), c.persisted().apqCacheBytes(),
                            c.persisted().manifest(), c.persisted().mode(), c.persisted().requireId(),
                            Duration.ofSeconds(Math.max(1, number(v)))))),
            new Option("cost-max", "N", "50000", "largest estimated operation cost (0 = no limit)",
                    (c, v) -> c.withCost(new CostConfig(number(v), c.cost().assumedListSize(), c.cost().enforce(), c.cost().exposeAlways()))),
            new Option("cost-list-size", "N", "10", "list size assumed without @listSize or slicing argument",
                    (c, v) -> c.withCost(new CostConfig(c.cost().max(), number(v), c.cost().enforce(), c.cost().exposeAlways()))),
            new Option("cost-mode", "enforce|measure", "enforce", "refuse operations over cost-max, or only measure",
                    (c, v) -> c.withCost(new CostConfig(c.cost().max(), c.cost().assumedListSize(), choice(v, "enforce", "measure"),
                            c.cost().exposeAlways()))),
            new Option("cost-expose", "on-request|always", "on-request", "when extensions.cost is in responses",
                    (c, v) -> c.withCost(new CostConfig(c.cost().max(), c.cost().assumedListSize(), c.cost().enforce(),
                            !choice(v, "on-request", "always")))),
            new Option("rate-limit-client-rps", "N", "0 (production 50)", "requests per second per client (0 = unlimited)",
                    (c, v) -> c.withRateLimit(rate(c.rateLimit(), decimal(v), -1, -1, -1))),
            new Option("rate-limit-client-burst", "N", "2 x rate (production 100)", "client bucket size",
                    (c, v) -> c.withRateLimit(rate(c.rateLimit(), -1, decimal(v), -1, -1))),
            new Option("rate-limit-global-rps", "N", "0", "requests per second for the whole instance (0 = unlimited)",
                    (c, v) -> c.withRateLimit(rate(c.rateLimit(), -1, -1, decimal(v), -1))),
            new Option("rate-limit-global-burst", "N", "2 x rate", "global bucket size",
                    (c, v) -> c.withRateLimit(rate(c.rateLimit(), -1, -1, -1, decimal(v)))),
            new Option("rate-limit-by-cost", "BOOL", "false", "an operation takes its estimated cost from the client's bucket",
                    (c, v) -> c.withRateLimit(new RateLimitConfig(c.rateLimit().perClientRate(), c.rateLimit().perClientBurst(),
                            c.rateLimit().globalRate(), c.rateLimit().globalBurst(), bool(v),
                            c.rateLimit().maxConnectionsPerClient(), c.rateLimit().trustedProxies()))),
            new Option("rate-limit-max-connections", "N", "0 (production 20)", "open WebSocket/SSE connections per client (0 = unlimited)",
                    (c, v) -> c.withRateLimit(new RateLimitConfig(c.rateLimit().perClientRate(), c.rateLimit().perClientBurst(),
                            c.rateLimit().globalRate(), c.rateLimit().globalBurst(), c.rateLimit().costAccounting(),
                            (int) number(v), c.rateLimit().trustedProxies()))),
            new Option("trusted-proxies", "LIST", "none", "proxies (addresses, CIDR) whose X-Forwarded-For names the client",
                    (c, v) -> c.withRateLimit(new RateLimitConfig(c.rateLimit().perClientRate(), c.rateLimit().perClientBurst(),
                            c.rateLimit().globalRate(), c.rateLimit().globalBurst(), c.rateLimit().costAccounting(),
                            c.rateLimit().maxConnectionsPerClient(), list(v)))),
            new Option("authz", "BOOL", "true", "enforce @authenticated/@requiresScopes/@policy at the router",
                    (c, v) -> c.withAuthz(new AuthzConfig(bool(v), c.authz().rejectWhole(), c.authz().scopeClaims(),
                            c.authz().policies(), c.authz().callerCodes()))),
            new Option("authz-reject-unauthorized", "BOOL", "false", "refuse the whole request instead of removing unauthorized fields",
                    (c, v) -> c.withAuthz(c.authz().withRejectWhole(bool(v)))),
            new Option("authz-error-codes", "unauthorized-field|by-caller", "unauthorized-field",
                    "code of an unauthorized field: UNAUTHORIZED_FIELD_OR_TYPE, or UNAUTHENTICATED/FORBIDDEN as subgraphs answer",
                    (c, v) -> c.withAuthz(c.authz().withCallerCodes(!choice(v, "unauthorized-field", "by-caller")))),
            new Option("authz-scope-claims", "LIST", "scope,scp", "claims holding the caller's scopes",
                    (c, v) -> c.withAuthz(c.authz().withScopeClaims(list(v)))),
            new Option("authz-policies", "DEFS", "none", "@policy names by claims: name:claim=value|claim=value;name2:claim",
                    (c, v) -> c.withAuthz(c.authz().withPolicies(ClaimPolicies.parse(v)))),
            new Option("introspection", "BOOL", "true (production false)", "answer __schema/__type",
                    (c, v) -> c.withExplorer(new ExplorerConfig(bool(v), c.explorer().graphiql(), c.explorer().landingPage()))),
            new Option("graphiql", "BOOL", "true (production false)", "serve GraphiQL at /graphiql",
                    (c, v) -> c.withExplorer(new ExplorerConfig(c.explorer().introspection(), bool(v), c.explorer().landingPage()))),
            new Option("landing-page", "BOOL", "true", "serve a landing page at GET /",
                    (c, v) -> c.withExplorer(new ExplorerConfig(c.explorer().introspection(), c.explorer().graphiql(), bool(v)))),
            new Option("batching", "BOOL", "false", "accept a JSON array of operations",
                    (c, v) -> c.withBatching(new BatchingConfig(bool(v), c.batching().maxSize()))),
            new Option("batching-max-size", "N", "10", "most operations in one batch",
                    (c, v) -> c.withBatching(new BatchingConfig(c.batching().enabled(), (int) number(v)))),
            new Option("cache-control", "BOOL", "true", "Cache-Control on GET responses (@cacheControl hints, else no-store when signed in)",
                    (c, v) -> c.withCacheControl(bool(v))));

    private static final Map<String, Option> BY_NAME = new HashMap<>();

    static {
        for (Option o : OPTIONS) BY_NAME.put(o.name(), o);
    }

    /** Whether a flag name (without dashes) is an edge switch ({@code profile} included). */
    public static boolean isOption(String name) {
        return BY_NAME.containsKey(name) || name.equals("profile");
    }

    /**
     * The edge configuration from the environment and flags (flag name without dashes → value; flags win).
     *
     * @throws IllegalArgumentException naming the switch, on an unknown switch or a bad value
     */
    public static EdgeConfig from(Map<String, String> env, Map<String, String> flags) {
        String profile = flags.getOrDefault("profile", env.getOrDefault("ROUTER_PROFILE", "dev")).trim();
        EdgeConfig c = switch (profile.toLowerCase(Locale.ROOT)) {
            case "dev", "development", "" -> EdgeConfig.DEFAULTS;
            case "production", "prod" -> EdgeConfig.PRODUCTION;
            default -> throw new IllegalArgumentException("--profile must be dev or production: " + profile);
        };
        for (String f : flags.keySet()) {
            if (!f.equals("profile") && !BY_NAME.containsKey(f)) throw new IllegalArgumentException("unknown option --" + f);
        }
        // flags win over the environment; switches apply in table order (a manifest before its mode)
        boolean modeSet = false;
        for (Option o : OPTIONS) {
            String where = flags.containsKey(o.name()) ? "--" + o.name() : o.env();
            String v = flags.containsKey(o.name()) ? (flags.get(o.name()) == null ? "" : flags.get(o.name())) : env.get(o.env());
            if (v == null || (v.isBlank() && !flags.containsKey(o.name()))) continue;
            c = apply(o, c, v, where);
            modeSet |= o.name().equals("trusted-documents-mode");
        }
        if (c == EdgeConfig.PRODUCTION || profile.toLowerCase(Locale.ROOT).startsWith("prod")) {
            PersistedConfig p = c.persisted();
            if (p.manifest() != null && !modeSet) {
                c = c.withPersisted(p.withManifest(p.manifest(), PersistedConfig.Mode.ENFORCE));
            }
        }
        return c;
    }

    private static EdgeConfig apply(Option o, EdgeConfig c, String v, String where) {
        try {
            return o.apply().apply(c, v);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage());
        }
    }

    /** Usage lines: {@code --name VALUE  help (default ...)}. */
    public static String usage() {
        StringBuilder sb = new StringBuilder("  --profile dev|production   (env ROUTER_PROFILE, default dev)\n");
        for (Option o : OPTIONS) {
            sb.append(String.format("  --%s %s   %s (env %s, default %s)%n", o.name(), o.value(), o.help(), o.env(), o.defaultText()));
        }
        return sb.toString();
    }

    private static RateLimitConfig rate(RateLimitConfig r, double clientRate, double clientBurst, double globalRate,
                                        double globalBurst) {
        return new RateLimitConfig(clientRate >= 0 ? clientRate : r.perClientRate(),
                clientBurst >= 0 ? clientBurst : clientRate >= 0 ? 0 : r.perClientBurst(),
                globalRate >= 0 ? globalRate : r.globalRate(),
                globalBurst >= 0 ? globalBurst : globalRate >= 0 ? 0 : r.globalBurst(),
                r.costAccounting(), r.maxConnectionsPerClient(), r.trustedProxies());
    }

    static List<String> list(String v) {
        List<String> out = new ArrayList<>();
        for (String s : v.split("[,\\s]+")) if (!s.isBlank()) out.add(s.trim());
        return out;
    }

    static List<String> spaced(String v) {
        List<String> out = new ArrayList<>();
        for (String s : v.trim().split("\\s+")) if (!s.isBlank()) out.add(s);
        return out;
    }

    static boolean bool(String v) {
        return switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "true", "on", "yes", "1", "" -> true;
            case "false", "off", "no", "0" -> false;
            default -> throw new IllegalArgumentException("expected true or false: " + v);
        };
    }

    static long number(String v) {
        try {
            long n = Long.parseLong(v.trim());
            if (n < 0) throw new NumberFormatException();
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected a number >= 0: " + v);
        }
    }

    static double decimal(String v) {
        try {
            double n = Double.parseDouble(v.trim());
            if (n < 0 || Double.isNaN(n) || Double.isInfinite(n)) throw new NumberFormatException();
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected a number >= 0: " + v);
        }
    }

    static boolean choice(String v, String yes, String no) {
        String t = v.trim().toLowerCase(Locale.ROOT);
        if (t.equals(yes)) return true;
        if (t.equals(no)) return false;
        throw new IllegalArgumentException("expected " + yes + " or " + no + ": " + v);
    }

    static PersistedConfig.Mode mode(String v) {
        try {
            return PersistedConfig.Mode.valueOf(v.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("expected off, log or enforce: " + v);
        }
    }
}
