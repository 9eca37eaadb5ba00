package com.shopbff.router.edge.cors;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Cross-origin resource sharing: which browser origins may call the router.
 *
 * @param origins          exact origins ({@code https://shop.example.com}); {@code *} allows any origin (not with
 *                         credentials); default none, so browsers on other origins are refused
 * @param originPatterns   regular expressions an origin must match as a whole ({@code https://.*\.example\.com})
 * @param methods          methods a preflight may ask for; default GET, POST, OPTIONS
 * @param headers          request headers a preflight may ask for (case-insensitive); default the ones GraphQL
 *                         clients send
 * @param exposeHeaders    response headers scripts may read; default {@code Retry-After}
 * @param allowCredentials whether cookies and {@code Authorization} may be sent cross-origin; default false
 * @param maxAge           how long browsers may cache a preflight answer; default 10 minutes
 */
public record CorsConfig(List<String> origins, List<String> originPatterns, List<String> methods, List<String> headers,
                         List<String> exposeHeaders, boolean allowCredentials, Duration maxAge) {
    public static final List<String> DEFAULT_METHODS = List.of("GET", "POST", "OPTIONS");
    public static final List<String> DEFAULT_HEADERS = List.of("content-type", "accept", "authorization",
            "apollographql-client-name", "apollographql-client-version", "apollo-require-preflight",
            "x-apollo-operation-name", "graphql-client-name", "graphql-client-version", "traceparent", "tracestate");
    /** No cross-origin access: the default. */
    public static final CorsConfig NONE = new CorsConfig(List.of(), List.of(), DEFAULT_METHODS, DEFAULT_HEADERS,
            List.of("retry-after"), false, Duration.ofMinutes(10));

    public CorsConfig {
        origins = List.copyOf(origins == null ? List.of() : origins);
        originPatterns = List.copyOf(originPatterns == null ? List.of() : originPatterns);
        methods = upper(methods == null || methods.isEmpty() ? DEFAULT_METHODS : methods);
        headers = lower(headers == null || headers.isEmpty() ? DEFAULT_HEADERS : headers);
        exposeHeaders = lower(exposeHeaders == null ? List.of() : exposeHeaders);
        maxAge = maxAge == null ? Duration.ofMinutes(10) : maxAge;
        if (maxAge.isNegative()) throw new IllegalArgumentException("CORS max-age must be >= 0");
        if (allowCredentials && origins.contains("*")) {
            throw new IllegalArgumentException("CORS: the origin '*' cannot be combined with credentials; list the origins");
        }
        for (String o : origins) {
            if (!o.equals("*") && (o.endsWith("/") || !o.contains("://"))) {
                throw new IllegalArgumentException("CORS origin must look like scheme://host[:port] without a path: " + o);
            }
        }
        for (String p : originPatterns) {
            try {
                Pattern.compile(p);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("CORS origin pattern is not a regular expression: " + p);
            }
        }
    }

    /** Whether any origin is allowed at all. */
    public boolean enabled() {
        return !origins.isEmpty() || !originPatterns.isEmpty();
    }

    public CorsConfig withOrigins(List<String> o) {
        return new CorsConfig(o, originPatterns, methods, headers, exposeHeaders, allowCredentials, maxAge);
    }

    public CorsConfig withOriginPatterns(List<String> p) {
        return new CorsConfig(origins, p, methods, headers, exposeHeaders, allowCredentials, maxAge);
    }

    public CorsConfig withCredentials(boolean c) {
        return new CorsConfig(origins, originPatterns, methods, headers, exposeHeaders, c, maxAge);
    }

    private static List<String> upper(List<String> l) {
        return l.stream().map(s -> s.trim().toUpperCase(Locale.ROOT)).filter(s -> !s.isEmpty()).toList();
    }

    private static List<String> lower(List<String> l) {
        return l.stream().map(s -> s.trim().toLowerCase(Locale.ROOT)).filter(s -> !s.isEmpty()).toList();
    }
}
