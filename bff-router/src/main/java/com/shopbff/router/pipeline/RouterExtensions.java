package com.shopbff.router.pipeline;

import java.util.List;

/**
 * The pipeline's extension points, set once when the router starts ({@code RouterConfig.extensions}).
 *
 * @param documentResolver finds a request's document text (persisted queries, trusted documents)
 * @param checks           run in order on the normalised operation before planning; the first refusal wins,
 *                         removals and response extensions of all accepting checks are combined
 * @param observer         telemetry hooks
 */
public record RouterExtensions(DocumentResolver documentResolver, List<OperationCheck> checks,
                               RouterObserver observer) {
    public static final RouterExtensions NONE = new RouterExtensions(null, null, null);

    public RouterExtensions {
        documentResolver = documentResolver == null ? DocumentResolver.QUERY_TEXT : documentResolver;
        checks = checks == null ? List.of() : List.copyOf(checks);
        observer = observer == null ? RouterObserver.NONE : observer;
    }

    public RouterExtensions withDocumentResolver(DocumentResolver r) {
        return new RouterExtensions(r, checks, observer);
    }

    public RouterExtensions withCheck(OperationCheck check) {
        List<OperationCheck> l = new java.util.ArrayList<>(checks);
        l.add(check);
        return new RouterExtensions(documentResolver, l, observer);
    }

    public RouterExtensions withObserver(RouterObserver o) {
        return new RouterExtensions(documentResolver, checks, o);
    }
}
