package com.shopbff.router.subscription;

/**
 * What a subscription client can act on. Close codes of the router's graphql-transport-ws endpoint beyond those
 * of the protocol itself (4400 invalid message, 4401 unauthorized, 4403 forbidden, 4406 subprotocol, 4408 init
 * timeout, 4409 duplicate id, 4429 repeated init), and the {@code extensions.code} of errors that end a
 * subscription. Documented in bff-router/README.md; clients reconnect/resubscribe on each of them.
 */
public final class SubscriptionCodes {
    private SubscriptionCodes() {}

    /** WebSocket close: the router is shutting down (RFC 6455 "Service Restart"); reconnect and subscribe again. */
    public static final short SERVICE_RESTART = 1012;
    /**
     * WebSocket close: the client did not read fast enough and its send buffer passed
     * {@link SubscriptionSettings#clientSendBufferBytes()}; events after the last one received were not delivered.
     * Reconnect, refetch the state, subscribe again.
     */
    public static final short SLOW_CONSUMER = 4008;

    /**
     * WebSocket close: the session of the token the connection was opened with has been revoked (signed out, erased)
     * while it was open; the protocol's "Forbidden". Sign in again, then reconnect. (SSE: an error
     * {@link #UNAUTHENTICATED} ends the stream.)
     */
    public static final short SESSION_REVOKED = 4403;
    /** SSE: the stream's token is no longer valid (its session was revoked); sign in again. As HTTP's 401 code. */
    public static final String UNAUTHENTICATED = "UNAUTHENTICATED";

    /** The subgraph owning the field could not be reached or did not accept the connection: nothing was subscribed. */
    public static final String UPSTREAM_UNAVAILABLE = "SUBSCRIPTION_UPSTREAM_UNAVAILABLE";
    /**
     * The subgraph's connection ended mid-subscription (restart, crash, network): the subscription is over and events
     * after the last one delivered may have been missed. Refetch the state and subscribe again.
     */
    public static final String UPSTREAM_CLOSED = "SUBSCRIPTION_UPSTREAM_CLOSED";
    /** The router is shutting down (SSE; WebSocket clients get close code {@link #SERVICE_RESTART}). */
    public static final String ROUTER_SHUTTING_DOWN = "ROUTER_SHUTTING_DOWN";
}
