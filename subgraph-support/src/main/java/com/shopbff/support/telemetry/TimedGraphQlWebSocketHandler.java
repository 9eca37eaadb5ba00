package com.shopbff.support.telemetry;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.graphql.server.WebGraphQlHandler;
import org.springframework.graphql.server.webmvc.GraphQlWebSocketHandler;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.WebSocketSessionDecorator;

import java.io.IOException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.concurrent.TimeUnit;

/**
 * Spring for GraphQL's graphql-transport-ws handler, with the time of every {@code next} message it writes measured
 * (always on, a histogram each; docs/benchmarks.md uses them to attribute subscription latency):
 * <ul>
 *   <li>{@code graphql_websocket_send_seconds}: the blocking write of one message to the session (Spring sends the
 *       messages of one session one at a time, on one thread, in order);</li>
 *   <li>{@code graphql_websocket_event_age_seconds}: for an event that carries its own {@code "at"} time (the shop's
 *       events do), its age when the write starts: everything before the socket, including the wait behind the
 *       session's earlier messages.</li>
 * </ul>
 */
public class TimedGraphQlWebSocketHandler extends GraphQlWebSocketHandler {
    private final Timer send;
    private final Timer eventAge;

    public TimedGraphQlWebSocketHandler(WebGraphQlHandler handler, HttpMessageConverter<Object> json, Duration initTimeout,
                                        Duration keepAlive, MeterRegistry meters) {
        super(handler, json, initTimeout, keepAlive);
        this.send = LatencyBuckets.timer("graphql.websocket.send", "Blocking write of one graphql-transport-ws next message", meters);
        this.eventAge = LatencyBuckets.timer("graphql.websocket.event.age",
                "Age of a subscription event (its own 'at') when its write to the WebSocket starts", meters);
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage message) throws Exception {
        super.handleTextMessage(new Timed(session), message);
    }

    private final class Timed extends WebSocketSessionDecorator {
        Timed(WebSocketSession delegate) {
            super(delegate);
        }

        @Override
        public void sendMessage(WebSocketMessage<?> message) throws IOException {
            long start = System.nanoTime();
            if (message instanceof TextMessage t) {
                long at = eventAtMillis(t.getPayload());
                if (at > 0) eventAge.record(Math.max(0, System.currentTimeMillis() - at), TimeUnit.MILLISECONDS);
            }
            try {
                super.sendMessage(message);
            } finally {
                send.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            }
        }
    }

    /** The {@code "at"} of a {@code next} message's event, in epoch millis; 0 when it has none. */
    static long eventAtMillis(String json) {
        if (!json.contains("\"next\"")) return 0;
        int i = json.indexOf("\"at\":\"");
        if (i < 0) return 0;
        int end = json.indexOf('"', i + 6);
        if (end < 0) return 0;
        try {
            return OffsetDateTime.parse(json.substring(i + 6, end)).toInstant().toEpochMilli();
        } catch (RuntimeException e) {
            return 0;
        }
    }
}
