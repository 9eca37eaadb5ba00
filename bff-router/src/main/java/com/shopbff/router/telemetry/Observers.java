package com.shopbff.router.telemetry;

import com.shopbff.router.pipeline.GraphQLRequest;
import com.shopbff.router.pipeline.RouterObserver;

import java.util.Map;

/** Combines observers: the router's own telemetry beside an observer given in the configuration. */
public final class Observers {
    private Observers() {
    }

    /** Both observers see every event; headers pass through {@code first}'s then {@code second}'s additions. */
    public static RouterObserver both(RouterObserver first, RouterObserver second) {
        if (first == RouterObserver.NONE) return second;
        if (second == RouterObserver.NONE) return first;
        return new RouterObserver() {
            @Override
            public RequestObservation requestStarted(GraphQLRequest request) {
                return both(first.requestStarted(request), second.requestStarted(request));
            }
        };
    }

    private static RouterObserver.RequestObservation both(RouterObserver.RequestObservation a, RouterObserver.RequestObservation b) {
            return new RouterObserver.RequestObservation() {
                @Override
                public void operationResolved(String operationName, String operationType) {
                    a.operationResolved(operationName, operationType);
                    b.operationResolved(operationName, operationType);
                }

                @Override
                public void planCache(boolean hit) {
                    a.planCache(hit);
                    b.planCache(hit);
                }

                @Override
                public RouterObserver.SubgraphCallObservation subgraphCallStarted(String subgraph) {
                    RouterObserver.SubgraphCallObservation ca = a.subgraphCallStarted(subgraph);
                    RouterObserver.SubgraphCallObservation cb = b.subgraphCallStarted(subgraph);
                    return new RouterObserver.SubgraphCallObservation() {
                        @Override
                        public Map<String, String> outgoingHeaders(Map<String, String> headers) {
                            return cb.outgoingHeaders(ca.outgoingHeaders(headers));
                        }

                        @Override
                        public void finished(int httpStatus, long durationNanos, Throwable failure) {
                            ca.finished(httpStatus, durationNanos, failure);
                            cb.finished(httpStatus, durationNanos, failure);
                        }
                    };
                }

                @Override
                public void finished(RouterObserver.Outcome outcome) {
                    a.finished(outcome);
                    b.finished(outcome);
                }
            };
    }

}
