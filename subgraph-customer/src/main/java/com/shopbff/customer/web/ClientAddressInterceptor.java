package com.shopbff.customer.web;

import graphql.GraphQLContext;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.net.InetSocketAddress;

/**
 * Puts the client's address into the GraphQL context for the per-address sign-in limit: the first entry of
 * {@code X-Forwarded-For} (the router passes the client on in it), else the peer address. The header is trusted as
 * sent, so in production only the router should be able to reach the subgraph.
 */
@Component
public class ClientAddressInterceptor implements WebGraphQlInterceptor {
    private static final String KEY = ClientAddressInterceptor.class.getName() + ".address";

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        String address = fromForwardedFor(request.getHeaders().getFirst("X-Forwarded-For"));
        if (address == null) {
            InetSocketAddress remote = request.getRemoteAddress();
            address = remote == null ? "unknown" : remote.getAddress() == null ? remote.getHostString() : remote.getAddress().getHostAddress();
        }
        String resolved = address;
        request.configureExecutionInput((input, builder) -> builder.graphQLContext(ctx -> ctx.put(KEY, resolved)).build());
        return chain.next(request);
    }

    public static String of(GraphQLContext context) {
        return context.getOrDefault(KEY, "unknown");
    }

    static String fromForwardedFor(String header) {
        if (header == null || header.isBlank()) return null;
        String first = header.split(",", 2)[0].trim();
        return first.isEmpty() || first.length() > 100 ? null : first;
    }
}
