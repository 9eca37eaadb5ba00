package com.shopbff.router.execution.client;

import com.shopbff.router.execution.SubgraphClient.Response;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseDecoder;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.internal.buffer.BufferInternal;


/**
 * One keep-alive HTTP/1.1 connection to a subgraph, carrying one exchange at a time (no pipelining). The response is
 * gathered into one heap buffer, sized from {@code content-length} when there is one.
 */
final class Connection extends ChannelInboundHandlerAdapter {
    /** A body larger than this is not allocated up front from its {@code content-length}; it grows as it comes. */
    private static final int MAX_PRESIZE = 64 * 1024 * 1024;

    private final ConnectionPool pool;
    private Exchange pending;
    private Channel channel;
    private Exchange current;
    private int status;
    private boolean keepAlive;
    private boolean informational;
    private ByteBuf body;
    private Throwable failure;
    long idleSince;

    Connection(ConnectionPool pool, Exchange first) {
        this.pool = pool;
        this.pending = first;
        first.connection = this;
    }

    ChannelInitializer<Channel> initializer() {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
                channel = ch;
                ch.pipeline().addLast(new HttpResponseDecoder(new HttpDecoderConfig()
                        .setMaxChunkSize(64 * 1024).setValidateHeaders(false)), Connection.this);
            }
        };
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        Exchange first = pending;
        pending = null;
        pool.connected(this, first);
        ctx.fireChannelActive();
    }

    boolean reusable(long now) {
        return channel.isActive() && now - idleSince < pool.client.keepAliveNanos();
    }

    void send(Exchange ex) {
        current = ex;
        ex.connection = this;
        if (ex.done) { // timed out while connecting
            abort();
            return;
        }
        io.netty.buffer.ByteBuf request;
        try {
            request = RequestEncoder.encode(channel.alloc(), ex.endpoint.head(), ex.headers, ex.body);
        } catch (IllegalArgumentException e) {
            current = null;
            ex.fail("SUBREQUEST_HTTP_ERROR", "request to subgraph '" + ex.endpoint.service() + "' not sent: " + e.getMessage());
            pool.release(this);
            return;
        }
        channel.writeAndFlush(request, channel.voidPromise());
    }

    /** Closes the connection; an exchange still on it fails. */
    void abort() {
        if (channel != null) channel.close();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            Exchange ex = current;
            if (ex == null || ex.done) { // nothing asked (or no longer waited for): the connection is not reusable
                channel.close();
                return;
            }
            if (msg instanceof HttpObject o && o.decoderResult().isFailure()) {
                failure = o.decoderResult().cause();
                channel.close();
                return;
            }
            if (msg instanceof HttpResponse r) {
                status = r.status().code();
                informational = status >= 100 && status < 200;
                keepAlive = HttpUtil.isKeepAlive(r);
                long length = HttpUtil.getContentLength(r, -1L);
                if (body != null) body.release();
                body = Unpooled.buffer(length >= 0 && length <= MAX_PRESIZE ? (int) length : 8192);
            }
            if (msg instanceof HttpContent c) {
                ByteBuf content = c.content();
                if (content.isReadable() && body != null) body.writeBytes(content);
                if (msg instanceof LastHttpContent) finish(ex);
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void finish(Exchange ex) {
        ByteBuf b = body;
        body = null;
        if (informational) { // 1xx: the real response follows on this connection
            if (b != null) b.release();
            return;
        }
        current = null;
        ex.succeed(new Response(status, BufferInternal.buffer(b)));
        if (keepAlive) pool.release(this);
        else channel.close();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (failure == null) failure = cause;
        channel.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (body != null) {
            body.release();
            body = null;
        }
        Exchange ex = current;
        current = null;
        pool.closed(this);
        if (ex != null) {
            String service = ex.endpoint.service();
            ex.fail("SUBREQUEST_HTTP_ERROR", failure == null
                    ? "subgraph '" + service + "' closed the connection before its response was complete"
                    : "connection to subgraph '" + service + "' failed: " + failure.getMessage());
        }
        ctx.fireChannelInactive();
    }
}
