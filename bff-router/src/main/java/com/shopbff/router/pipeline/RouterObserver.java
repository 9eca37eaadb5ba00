package com.shopbff.router.pipeline;

import java.util.List;
import java.util.Map;

/**
 * Extension point for telemetry (metrics, traces, logs): the pipeline reports each request's life, its plan-cache
 * use and its subgraph calls. Every method has a no-op default; {@link #NONE} observes nothing. Methods are called
 * on event-loop threads and must not block. A request's calls arrive in this order: {@code requestStarted},
 * {@code operationResolved} (when a document and operation were found), {@code planCache} (when it got as far as
 * planning), any number of subgraph calls (possibly concurrent with each other), {@code finished} exactly once.
 */
public interface RouterObserver {
    RouterObserver NONE = new RouterObserver() {
    };

    /**
     * A request was answered with the response of an identical request in flight (inbound deduplication, opt-in):
     * it was not prepared or executed itself, so no observation follows.
     */
    default void requestDeduplicated() {
    }

    /** A request arrived at the pipeline; the returned observation receives the rest of its life. */
    default RequestObservation requestStarted(GraphQLRequest request) {
        return RequestObservation.NONE;
    }

    /** Observes one request. */
    interface RequestObservation {
        RequestObservation NONE = new RequestObservation() {
        };

        /**
         * The operation the request runs.
         *
         * @param operationName the operation's name, null when anonymous
         * @param operationType query, mutation or subscription
         */
        default void operationResolved(String operationName, String operationType) {
        }

        /** Whether the plan came from the plan cache. */
        default void planCache(boolean hit) {
        }

        /** A subgraph request is about to be sent; the returned observation sees it end. */
        default SubgraphCallObservation subgraphCallStarted(String subgraph) {
            return SubgraphCallObservation.NONE;
        }

        /** The response is ready (called once, also for refused requests). */
        default void finished(Outcome outcome) {
        }
    }

    /** Observes one subgraph request. */
    interface SubgraphCallObservation {
        SubgraphCallObservation NONE = new SubgraphCallObservation() {
        };

        /**
         * The headers to send: return {@code headers} itself, or a copy with more entries (e.g. W3C
         * {@code traceparent} of this call's span). {@code headers} must not be modified.
         */
        default Map<String, String> outgoingHeaders(Map<String, String> headers) {
            return headers;
        }

        /**
         * The call ended.
         *
         * @param httpStatus    the subgraph's HTTP status, 0 when no response came (connection failure, timeout)
         * @param durationNanos from {@code subgraphCallStarted} to the end of the response body
         * @param failure       null on an HTTP response, else why there was none
         */
        default void finished(int httpStatus, long durationNanos, Throwable failure) {
        }
    }

    /**
     * How a request ended.
     *
     * @param kind       the class of outcome
     * @param errorCodes the {@code extensions.code} of each error in the response, in order (null codes omitted)
     */
    record Outcome(Kind kind, List<String> errorCodes) {
        public Outcome {
            errorCodes = List.copyOf(errorCodes);
        }

        public enum Kind {
            /** executed, no errors */
            SUCCESS,
            /** executed, the response has errors (partial data, subgraph failures, null propagation) */
            PARTIAL,
            /** refused before execution (parse, validation, variables, limits, checks, transport) */
            REJECTED,
            /** the router failed (a bug): INTERNAL_SERVER_ERROR */
            INTERNAL_ERROR
        }
    }
}
