package com.shopbff.orders.testing;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/** Sends real GraphQL documents over HTTP to /graphql and returns the JSON response for path assertions. */
public final class GraphQlHttp {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private final String url;

    public GraphQlHttp(int port) {
        this.url = "http://127.0.0.1:" + port + "/graphql";
    }

    public DocumentContext post(String token, String query, Object... variables) {
        Map<String, Object> vars = new LinkedHashMap<>();
        for (int i = 0; i < variables.length; i += 2) vars.put((String) variables[i], variables[i + 1]);
        Map<String, Object> body = Map.of("query", query, "variables", vars);
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (token != null) req.header("Authorization", "Bearer " + token);
        try {
            HttpResponse<String> response = HTTP.send(req.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 500) throw new AssertionError("HTTP " + response.statusCode() + ": " + response.body());
            return JsonPath.parse(response.body());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
