package com.shopbff.support.auth;

import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.server.WebSocketGraphQlInterceptor;
import org.springframework.graphql.server.WebSocketGraphQlRequest;
import org.springframework.graphql.server.WebSocketSessionInfo;
import reactor.core.publisher.Mono;

import java.util.Map;

/**
 * Resolves the caller once per request and puts the {@link Viewer} into the GraphQL context: from the
 * {@code Authorization} header over HTTP, from the {@code connection_init} payload over graphql-transport-ws.
 * <p>
 * Over graphql-transport-ws an operation may also carry its own caller, {@code extensions.authorization} of its
 * {@code subscribe} message (a bearer token, verified like any other): one connection then carries the
 * subscriptions of many callers, which is how the router multiplexes (docs/decisions/0015). The
 * {@code connection_ack} payload says so ({@value #IDENTITY_PER_OPERATION}: true), so that a router learns it may.
 */
public class ViewerInterceptor implements WebSocketGraphQlInterceptor {
    private static final String SESSION_VIEWER = ViewerInterceptor.class.getName() + ".viewer";
    /** The {@code connection_ack} payload entry announcing that operations may carry their own caller. */
    public static final String IDENTITY_PER_OPERATION = "identityPerOperation";
    private final TokenVerifier verifier;

    public ViewerInterceptor(TokenVerifier verifier) {
        this.verifier = verifier;
    }

    @Override
    public Mono<Object> handleConnectionInitialization(WebSocketSessionInfo info, Map<String, Object> payload) {
        Object header = payload == null ? null : payload.getOrDefault("Authorization", payload.get("authorization"));
        info.getAttributes().put(SESSION_VIEWER, resolve(header == null ? null : header.toString()));
        return Mono.just(Map.of(IDENTITY_PER_OPERATION, true));
    }

    @Override
    public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
        Viewer viewer;
        if (request instanceof WebSocketGraphQlRequest ws) {
            Object own = request.getExtensions().get("authorization");
            viewer = own instanceof String token ? resolve(token)
                    : (Viewer) ws.getSessionInfo().getAttributes().getOrDefault(SESSION_VIEWER, Viewer.ANONYMOUS);
        } else {
            viewer = resolve(request.getHeaders().getFirst("Authorization"));
        }
        request.configureExecutionInput((input, builder) -> builder.graphQLContext(ctx -> ctx.put(Viewer.class, viewer)).build());
        return chain.next(request);
    }

    private Viewer resolve(String authorization) {
        if (authorization == null || authorization.isBlank()) return Viewer.ANONYMOUS;
        if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) return Viewer.invalid("Authorization must be 'Bearer <token>'");
        return verifier.verify(authorization.substring(7).trim());
    }
}
