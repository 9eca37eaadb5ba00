package com.shopbff.support.testing;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Sends real GraphQL documents over HTTP to a subgraph's {@code /graphql} and returns the JSON response for path
 * assertions. A 5xx answer fails the test at once (a subgraph never answers a user's mistake with one).
 */
public final class GraphQlClient {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final String url;

    public GraphQlClient(String url) {
        this.url = url;
    }

    /** The client of a subgraph listening on loopback at {@code port}. */
    public static GraphQlClient onPort(int port) {
        return new GraphQlClient("http://127.0.0.1:" + port + "/graphql");
    }

    public String url() {
        return url;
    }

    public DocumentContext post(String query, Map<String, ?> variables, String token) {
        return post(query, variables, token, Map.of());
    }

    /** Posts {@code query} with {@code variables}, the bearer {@code token} when not null, and extra {@code headers}. */
    public DocumentContext post(String query, Map<String, ?> variables, String token, Map<String, String> headers) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", query);
        body.put("variables", variables == null ? Map.of() : variables);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (token != null) request.header("Authorization", "Bearer " + token);
        headers.forEach(request::header);
        return JsonPath.parse(send(request.build()).body());
    }

    /** Variables as alternating names and values: {@code post(token, query, "id", id, "first", 5)}. */
    public DocumentContext post(String token, String query, Object... variables) {
        Map<String, Object> vars = new LinkedHashMap<>();
        for (int i = 0; i < variables.length; i += 2) vars.put((String) variables[i], variables[i + 1]);
        return post(query, vars, token);
    }

    static HttpResponse<String> send(HttpRequest request) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 500) throw new AssertionError("HTTP " + response.statusCode() + ": " + response.body());
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
