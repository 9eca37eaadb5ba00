package com.shopbff.router.plan.build;

import com.shopbff.router.operation.DeferredFragment;
import com.shopbff.router.operation.Inclusion;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One future subgraph request in the fetch graph: a root fetch, or an entity fetch for the objects at
 * {@link #path} that {@link #source} fetched. {@link #dependencies} are the groups whose data it needs first.
 */
public final class FetchGroup {
    final int id;
    final String graph;
    final List<String> path;
    final FetchGroup source;
    final String operationKind;
    final SelectionBuilder selection = new SelectionBuilder();
    final LinkedHashMap<String, EntityInputBuilder> inputs = new LinkedHashMap<>();
    final Set<FetchGroup> dependencies = new LinkedHashSet<>();
    /** Variables of context arguments ({@code @fromContext}) this entity fetch passes. */
    final java.util.List<ContextVariable> contextVariables = new java.util.ArrayList<>();

    /** A context argument's variable: its type in the subgraph and where its value comes from. */
    record ContextVariable(com.shopbff.router.plan.PlanNode.ContextArgumentSource source, String type) {
    }

    /** The deferred fragment whose payload this fetch serves; null for the initial response. */
    final DeferredFragment defer;
    /** The {@code @skip}/{@code @include} literals every field of this fetch is under (null: no field yet). */
    private Set<Inclusion.Literal> conditions;

    FetchGroup(int id, String graph, List<String> path, FetchGroup source, String operationKind,
               DeferredFragment defer) {
        this.id = id;
        this.defer = defer;
        this.graph = graph;
        this.path = List.copyOf(path);
        this.source = source;
        this.operationKind = operationKind;
    }

    public boolean isEntityFetch() {
        return source != null;
    }

    public String graph() {
        return graph;
    }

    public List<String> path() {
        return path;
    }

    public DeferredFragment defer() {
        return defer;
    }

    public Set<FetchGroup> dependencies() {
        return dependencies;
    }

    /** A field under these literals joins the fetch: the fetch's conditions are what all its fields share. */
    void noteConditions(Set<Inclusion.Literal> literals) {
        if (conditions == null) conditions = new java.util.TreeSet<>(literals);
        else conditions.retainAll(literals);
    }

    /**
     * The literals that must hold for this fetch to be needed: when one does not, every field it fetches is
     * excluded and the plan skips it (a Condition node).
     */
    public Set<Inclusion.Literal> conditions() {
        return conditions == null ? Set.of() : java.util.Collections.unmodifiableSet(conditions);
    }

    EntityInputBuilder input(String objectType, String typename) {
        return inputs.computeIfAbsent(objectType, k -> new EntityInputBuilder(objectType, typename));
    }

    @Override
    public String toString() {
        return "FetchGroup#" + id + "(" + graph + " at " + String.join(".", path) + ")";
    }
}
