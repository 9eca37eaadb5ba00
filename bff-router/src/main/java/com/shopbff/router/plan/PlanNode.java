package com.shopbff.router.plan;

import java.util.List;

/**
 * A query plan node. Plans are pure data: a closed set of immutable records, executed by an exhaustive switch.
 */
public sealed interface PlanNode permits PlanNode.Fetch, PlanNode.Flatten, PlanNode.EntityBatch, PlanNode.Sequence,
        PlanNode.Parallel, PlanNode.Condition, PlanNode.Defer, PlanNode.Subscription {

    /**
     * One request to one subgraph.
     *
     * @param service        subgraph name
     * @param operationKind  query, mutation or subscription
     * @param selection      the selection tree (the plan text shows it printed)
     * @param operation      the full operation text sent to the subgraph, printed from {@code selection}
     * @param variables      client variables the operation uses
     * @param inputs         for entity fetches: how to build representations per runtime type; empty for root fetches
     * @param responseKeys   top-level response keys of a root fetch (error paths when it fails)
     * @param aliased        whether some fields carry a {@code __alias_N} suffix the executor must strip
     * @param contextArguments for entity fetches of fields with {@code @fromContext} arguments: where each argument's
     *                         value comes from (the objects are sent in one request per distinct set of values)
     */
    record Fetch(String service, String operationKind, FetchSelection selection, String operation, List<String> variables,
                 List<EntityInput> inputs, List<String> responseKeys, boolean aliased,
                 List<ContextArgumentSource> contextArguments) implements PlanNode {
        public Fetch {
            variables = List.copyOf(variables);
            inputs = List.copyOf(inputs);
            responseKeys = List.copyOf(responseKeys);
            contextArguments = List.copyOf(contextArguments);
        }

        public boolean isEntityFetch() {
            return !inputs.isEmpty();
        }
    }

    /** Run the fetch for every object found at {@code path} ({@code @} steps into lists). */
    record Flatten(List<String> path, Fetch fetch) implements PlanNode {
        public Flatten {
            path = interned(path);
        }
    }

    /**
     * Entity fetches of one parallel stage that go to one subgraph, sent as one request: each part is one aliased
     * {@code _entities} field ({@code _0: _entities(representations: $representations0) { ... }}) with its own
     * representations, so parts never constrain each other's selections.
     *
     * @param service   subgraph name
     * @param parts     the entity fetches, each for the objects at one or more paths
     * @param operation the combined operation text
     * @param variables client variables the operation uses
     */
    record EntityBatch(String service, List<BatchPart> parts, String operation, List<String> variables)
            implements PlanNode {
        public EntityBatch {
            parts = List.copyOf(parts);
            variables = List.copyOf(variables);
        }
    }

    /**
     * One part of an {@link EntityBatch}: the same entity fetch for the objects at every path in {@code paths}
     * (representations collected from all of them and sent once each).
     *
     * @param alias                   the response key of its {@code _entities} field
     * @param representationsVariable the variable holding its representations
     */
    record BatchPart(List<List<String>> paths, Fetch fetch, String alias, String representationsVariable) {
        public BatchPart {
            paths = paths.stream().map(PlanNode::interned).toList();
        }
    }

    /** Children one after another. */
    record Sequence(List<PlanNode> nodes) implements PlanNode {
        public Sequence {
            nodes = List.copyOf(nodes);
        }
    }

    /** Children concurrently. */
    record Parallel(List<PlanNode> nodes) implements PlanNode {
        public Parallel {
            nodes = List.copyOf(nodes);
        }
    }

    /** Branch on a boolean variable ({@code @skip}/{@code @include}); either branch may be null. */
    record Condition(String variable, PlanNode ifTrue, PlanNode ifFalse) implements PlanNode {
    }

    /**
     * An operation with {@code @defer} fragments: {@code primary} fetches what the initial response needs; each
     * deferred fragment's node then fetches what its payload needs (null when the initial fetches brought it
     * already). Fragments are listed by id: an enclosing fragment before the ones it contains.
     */
    record Defer(PlanNode primary, List<Deferred> deferred) implements PlanNode {
        public Defer {
            deferred = List.copyOf(deferred);
        }
    }

    /**
     * One deferred fragment of a {@link Defer}.
     *
     * @param fragment the fragment ({@code operation.DeferredFragment}: id, label, enclosing fragment)
     * @param node     what to fetch for its payload, or null
     */
    record Deferred(com.shopbff.router.operation.DeferredFragment fragment, PlanNode node) {
    }

    /** A subscription: the primary subgraph stream, and the rest of the plan run per event. */
    record Subscription(Fetch primary, PlanNode rest) implements PlanNode {
    }

    /**
     * The value of a context argument ({@code @fromContext}): read from the nearest ancestor of the fetched object
     * that carries the context.
     *
     * @param variable      the operation variable carrying the value
     * @param ancestorDepth the ancestor's depth: how many steps of the fetch's path lead to it from the root
     * @param selection     response keys to read on the ancestor, outermost first (e.g. {@code [currency]})
     */
    record ContextArgumentSource(String variable, int ancestorDepth, List<String> selection) {
        public ContextArgumentSource {
            selection = List.copyOf(selection);
        }
    }

    /**
     * How to turn an object of runtime type {@code objectType} into an {@code _entities} representation.
     *
     * @param objectType      {@code __typename} of the objects this input applies to
     * @param typename        {@code __typename} to put in the representation (the interface for interface objects)
     * @param fields          key and required fields, copied from the object
     * @param keyFields       top-level key field names; objects with a null key are not sent
     */
    record EntityInput(String objectType, String typename, List<ReprField> fields, List<String> keyFields) {
        public EntityInput {
            fields = List.copyOf(fields);
            keyFields = interned(keyFields);
        }
    }

    /**
     * A field copied into a representation; children for object values.
     *
     * @param name   field name in the representation
     * @param source response key the value has in the fetched object (differs for fields with arguments)
     */
    record ReprField(String name, String source, List<ReprField> children) {
        public ReprField {
            name = name.intern();
            source = source.intern();
            children = children == null ? null : List.copyOf(children);
        }
    }

    /**
     * Keys the executor looks up in subgraph data are interned, like the field names of parsed JSON: lookups in
     * {@code json.JsonObject} then match by reference.
     */
    private static List<String> interned(List<String> keys) {
        return keys.stream().map(String::intern).toList();
    }
}
