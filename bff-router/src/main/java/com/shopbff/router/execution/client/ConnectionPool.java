package com.shopbff.router.execution.client;

import io.netty.channel.EventLoop;

import java.util.ArrayDeque;

/**
 * Keep-alive connections to one subgraph from one event loop (used only on that loop): idle connections are reused
 * most recent first; up to {@link NettySubgraphClient#maxConnections()} are open, further requests wait in order for
 * one to come back.
 */
final class ConnectionPool {
    final NettySubgraphClient client;
    final EventLoop loop;
    final NettySubgraphClient.Endpoint endpoint;
    private final ArrayDeque<Connection> idle = new ArrayDeque<>();
    private final ArrayDeque<Exchange> waiting = new ArrayDeque<>();
    private int connections;

    ConnectionPool(NettySubgraphClient client, EventLoop loop, NettySubgraphClient.Endpoint endpoint) {
        this.client = client;
        this.loop = loop;
        this.endpoint = endpoint;
    }

    void acquire(Exchange ex) {
        long now = System.nanoTime();
        Connection c;
        while ((c = idle.pollLast()) != null) {
            if (c.reusable(now)) {
                c.send(ex);
                return;
            }
            c.abort();
        }
        if (connections < client.maxConnections()) open(ex);
        else waiting.add(ex);
    }

    private void open(Exchange ex) {
        connections++;
        client.connect(this, new Connection(this, ex), ex);
    }

    /** A new connection is up: it carries the request it was opened for, unless that one has already ended. */
    void connected(Connection c, Exchange pending) {
        if (pending.done) release(c);
        else c.send(pending);
    }

    void connectFailed(Exchange pending, Throwable cause) {
        connections--;
        NettySubgraphClient.Endpoint e = endpoint;
        pending.fail("SUBREQUEST_HTTP_ERROR", "cannot connect to subgraph '" + e.service() + "' at " + e.host() + ":"
                + e.port() + ": " + cause.getMessage());
        serveWaiting();
    }

    /** A connection finished its exchange and can carry another. */
    void release(Connection c) {
        Exchange next;
        while ((next = waiting.poll()) != null) {
            if (!next.done) {
                c.send(next);
                return;
            }
        }
        if (client.isClosed()) {
            c.abort();
            return;
        }
        c.idleSince = System.nanoTime();
        idle.addLast(c);
    }

    /** A connection closed (by either side). */
    void closed(Connection c) {
        connections--;
        idle.remove(c);
        serveWaiting();
    }

    private void serveWaiting() {
        Exchange next;
        while (connections < client.maxConnections() && (next = waiting.poll()) != null) {
            if (!next.done) open(next);
        }
    }
}
