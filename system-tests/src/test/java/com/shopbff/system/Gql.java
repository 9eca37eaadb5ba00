package com.shopbff.system;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** A GraphQL-over-HTTP client, as a storefront would use the router: POST /graphql with an optional bearer token. */
public final class Gql {
    static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            // HTTP/1.1 like a browser on plain http: one connection per concurrent request (h2c would cap streams).
            .version(HttpClient.Version.HTTP_1_1).build();
    private final URI url;

    public Gql(String url) {
        this.url = URI.create(url);
    }

    public URI url() {
        return url;
    }

    /** The response body (data / errors) plus {@code httpStatus}; throws on a transport failure. */
    public JsonNode call(String query, Map<String, ?> variables, String token) {
        return call(query, variables, token, Map.of());
    }

    /** Like {@link #call(String, Map, String)} with extra request headers (e.g. a W3C {@code traceparent}). */
    public JsonNode call(String query, Map<String, ?> variables, String token, Map<String, String> headers) {
        String body = JSON.writeValueAsString(Map.of("query", query, "variables", variables == null ? Map.of() : variables));
        HttpRequest.Builder rb = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(60))
                .header("content-type", "application/json")
                .header("accept", "application/graphql-response+json, application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) rb.header("authorization", "Bearer " + token);
        headers.forEach(rb::header);
        try {
            HttpResponse<String> res = http.send(rb.build(), HttpResponse.BodyHandlers.ofString());
            if (res.statusCode() >= 500) throw new IllegalStateException("HTTP " + res.statusCode() + ": " + res.body());
            return JSON.readTree(res.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Like {@link #call} but fails on GraphQL errors and returns {@code data}. */
    public JsonNode data(String query, Map<String, ?> variables, String token) {
        JsonNode r = call(query, variables, token);
        if (r.has("errors") && !r.get("errors").isEmpty()) {
            throw new IllegalStateException("GraphQL errors: " + r.get("errors") + " for " + query);
        }
        return r.get("data");
    }
}
