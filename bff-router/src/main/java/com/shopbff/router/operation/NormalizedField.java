package com.shopbff.router.operation;

import com.shopbff.router.supergraph.SupergraphModel.TypeRef;
import graphql.language.Value;

import java.util.Map;

/**
 * One field of a normalised operation, valid for one concrete parent type. Arguments stay AST values so that
 * variable references pass through to subgraphs unchanged.
 *
 * @param responseKey alias or name
 * @param name        field name
 * @param args        arguments in request order
 * @param type        the field's type (null for {@code __typename})
 * @param children    sub-selection, null for leaves
 * @param removed     removed by an operation check (e.g. the caller may not see it): never fetched, answers null
 *                    (see {@link FieldRemoval})
 * @param inclusion   when the field is included ({@code @skip}/{@code @include} on variables); null: always. Literals
 *                    the parent's inclusion guarantees are left out
 * @param defer       the {@code @defer} fragment that delivers this field later (null: delivered with its parent);
 *                    its children are delivered with it unless they name another (nested) fragment
 */
public record NormalizedField(String responseKey, String name, Map<String, Value<?>> args, TypeRef type,
                              NormalizedSelectionSet children, boolean removed, Inclusion inclusion,
                              DeferredFragment defer) {
    public NormalizedField(String responseKey, String name, Map<String, Value<?>> args, TypeRef type,
                           NormalizedSelectionSet children) {
        this(responseKey, name, args, type, children, false, null, null);
    }

    public boolean isTypename() {
        return name.equals("__typename");
    }

    /** The same field with another sub-selection. */
    public NormalizedField withChildren(NormalizedSelectionSet c) {
        return new NormalizedField(responseKey, name, args, type, c, removed, inclusion, defer);
    }

    /** The same field marked removed (no sub-selection). */
    public NormalizedField asRemoved() {
        return new NormalizedField(responseKey, name, args, type, null, true, inclusion, defer);
    }

    /** The same field delivered with its parent (planning a fragment that cannot be deferred). */
    public NormalizedField withoutDefer() {
        return new NormalizedField(responseKey, name, args, type, children, removed, inclusion, null);
    }

    /** The same field with another response key. */
    public NormalizedField withResponseKey(String key) {
        return new NormalizedField(key, name, args, type, children, removed, inclusion, defer);
    }
}
