package com.shopbff.router.subscription;

import java.util.List;

/**
 * One client connection as the subscription hub sees it: graphql-transport-ws ({@link WebSocketTransport}) or
 * graphql-sse ({@link SseTransport}). Called on the event loop of the hub the connection belongs to.
 */
interface ClientSink {
    /** An event for subscription {@code id}; {@code payloadJson} is the execution result, serialised once per event. */
    void next(String id, String payloadJson);

    /** The subscription ended with errors (no {@code complete} follows). */
    void error(String id, List<Object> errors);

    /** The subscription ended normally. */
    void complete(String id);

    /** Sends a keep-alive (WebSocket ping frame, SSE comment). */
    void keepAlive();

    /** Ends the connection because the router is shutting down, telling the client to reconnect. */
    void shutdown();

    /** The claims of the token the connection was authenticated with (empty when anonymous). */
    java.util.Map<String, Object> claims();

    /** Ends the connection because its token's session was revoked, telling the client to sign in again. */
    void revoked();
}
