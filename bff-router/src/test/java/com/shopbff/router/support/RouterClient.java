package com.shopbff.router.support;

import com.shopbff.router.json.Json;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Minimal HTTP client for talking to a router in tests. */
public final class RouterClient {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    public RouterClient(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    public record Result(int status, String contentType, String body, java.net.http.HttpHeaders headers) {
        /** A response header's first value, or null. */
        public String header(String name) {
            return headers == null ? null : headers.firstValue(name).orElse(null);
        }

        @SuppressWarnings("unchecked")
        public Map<String, Object> json() {
            return (Map<String, Object>) Json.parse(body);
        }

        /** Value at a dotted path like {@code data.products.0.name}. */
        public Object at(String path) {
            Object cur = json();
            for (String step : path.split("\\.")) {
                if (cur instanceof Map<?, ?> m) cur = m.get(step);
                else if (cur instanceof List<?> l) cur = l.get(Integer.parseInt(step));
                else return null;
            }
            return cur;
        }
    }

    public Result post(String query) {
        return post(query, null, Map.of());
    }

    public Result post(String query, Map<String, Object> variables, Map<String, String> headers) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", query);
        if (variables != null) body.put("variables", variables);
        return raw("POST", "/graphql", Json.writeString(body), headers.containsKey("content-type") ? headers
                : with(headers, "content-type", "application/json"));
    }

    private static Map<String, String> with(Map<String, String> h, String k, String v) {
        Map<String, String> m = new LinkedHashMap<>(h);
        m.put(k, v);
        return m;
    }

    /** Posts a JSON body (text) with extra headers. */
    public Result postJson(String json, Map<String, String> headers) {
        return raw("POST", "/graphql", json, with(headers, "content-type", "application/json"));
    }

    private final HttpClient http1 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** Sends raw bytes (e.g. a compressed body) over HTTP/1.1, as browsers do, and reads the raw response bytes. */
    public HttpResponse<byte[]> bytes(String method, String path, byte[] body, Map<String, String> headers) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20));
            headers.forEach(b::header);
            b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
            return http1.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public Result raw(String method, String path, String body, Map<String, String> headers) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20));
            headers.forEach(b::header);
            b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Result(r.statusCode(), r.headers().firstValue("content-type").orElse(""), r.body(), r.headers());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
