package com.shopbff.router.edge.cors;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Decides CORS answers (Fetch standard, CORS protocol). An allowed origin gets {@code Access-Control-Allow-*}
 * headers; any other origin gets none (the browser then hides the response), and a refused preflight is answered
 * without them and without executing anything.
 */
public final class CorsPolicy {
    private final CorsConfig config;
    private final Set<String> origins;
    private final List<Pattern> patterns;
    private final boolean any;
    private final Set<String> methods;
    private final Set<String> headers;
    private final String methodsValue;
    private final String headersValue;
    private final String exposeValue;
    private final String maxAgeValue;

    public CorsPolicy(CorsConfig config) {
        this.config = config;
        this.origins = new HashSet<>(config.origins());
        this.any = origins.contains("*");
        this.patterns = config.originPatterns().stream().map(Pattern::compile).toList();
        this.methods = Set.copyOf(config.methods());
        this.headers = Set.copyOf(config.headers());
        this.methodsValue = String.join(", ", config.methods());
        this.headersValue = String.join(", ", config.headers());
        this.exposeValue = config.exposeHeaders().isEmpty() ? null : String.join(", ", config.exposeHeaders());
        this.maxAgeValue = Long.toString(config.maxAge().toSeconds());
    }

    /** A response header to set. */
    public record Header(String name, String value) {
    }

    /** The answer to a preflight: allowed (with its headers) or refused (with the reason, for the error body). */
    public record Preflight(boolean allowed, List<Header> headers, String refusal) {
    }

    public boolean enabled() {
        return config.enabled();
    }

    /** Whether a request is a CORS preflight: {@code OPTIONS} with {@code Origin} and {@code Access-Control-Request-Method}. */
    public static boolean isPreflight(String method, String origin, String requestMethod) {
        return "OPTIONS".equals(method) && origin != null && requestMethod != null;
    }

    public boolean originAllowed(String origin) {
        if (origin == null || origin.isEmpty()) return false;
        if (any || origins.contains(origin)) return true;
        for (Pattern p : patterns) if (p.matcher(origin).matches()) return true;
        return false;
    }

    /** Answers a preflight request. */
    public Preflight preflight(String origin, String requestMethod, String requestHeaders) {
        if (!originAllowed(origin)) {
            return new Preflight(false, List.of(), "Origin '" + cut(origin) + "' is not allowed by the router's CORS configuration.");
        }
        if (!methods.contains(requestMethod.trim().toUpperCase(Locale.ROOT))) {
            return new Preflight(false, List.of(), "Method '" + cut(requestMethod) + "' is not allowed by the router's CORS configuration.");
        }
        if (requestHeaders != null) {
            for (String h : requestHeaders.split(",")) {
                String name = h.trim().toLowerCase(Locale.ROOT);
                if (!name.isEmpty() && !headers.contains(name)) {
                    return new Preflight(false, List.of(), "Header '" + cut(name) + "' is not allowed by the router's CORS configuration.");
                }
            }
        }
        List<Header> out = new java.util.ArrayList<>(originHeaders(origin));
        out.add(new Header("access-control-allow-methods", methodsValue));
        out.add(new Header("access-control-allow-headers", headersValue));
        out.add(new Header("access-control-max-age", maxAgeValue));
        return new Preflight(true, List.copyOf(out), null);
    }

    /** Headers for an actual (non-preflight) response to a request from {@code origin}; empty when not allowed. */
    public List<Header> responseHeaders(String origin) {
        if (!originAllowed(origin)) return List.of();
        List<Header> out = new java.util.ArrayList<>(originHeaders(origin));
        if (exposeValue != null) out.add(new Header("access-control-expose-headers", exposeValue));
        return out;
    }

    private List<Header> originHeaders(String origin) {
        List<Header> out = new java.util.ArrayList<>(3);
        // echo the origin (never '*' with credentials); caches must then key on it
        boolean star = any && !config.allowCredentials();
        out.add(new Header("access-control-allow-origin", star ? "*" : origin));
        if (config.allowCredentials()) out.add(new Header("access-control-allow-credentials", "true"));
        if (!star) out.add(new Header("vary", "Origin"));
        return out;
    }

    private static String cut(String s) {
        if (s == null) return "";
        return s.length() <= 200 ? s : s.substring(0, 200) + "...";
    }
}
