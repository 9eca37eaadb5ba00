package com.shopbff.router.supergraph;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Immutable pieces of the supergraph model the planner reads. Everything here is resolved once when the
 * supergraph loads, so planning never walks SDL or graphql-java schema objects.
 */
public final class SupergraphModel {
    private SupergraphModel() {
    }

    /** A subgraph: its enum value in {@code join__Graph}, its name and its URL. */
    public record Graph(String enumValue, String name, String url) {
    }

    /** One {@code @join__type} application. */
    public record JoinType(String graph, String key, boolean extension, boolean resolvable, boolean interfaceObject) {
    }

    /**
     * One {@code @join__field} application; {@code graph} null means "no graph" (interface-object filled).
     *
     * @param overrideLabel    progressive override: the label ({@code percent(N)} or a custom one) deciding whether
     *                         the overriding subgraph ({@code override} set) or the overridden one resolves the field
     * @param contextArguments arguments filled from an ancestor's {@code @context} ({@code @fromContext})
     */
    public record JoinField(String graph, String requires, String provides, String type, boolean external,
                            String override, boolean usedOverridden, String overrideLabel,
                            List<ContextArgument> contextArguments) {
        public JoinField(String graph, String requires, String provides, String type, boolean external,
                         String override, boolean usedOverridden) {
            this(graph, requires, provides, type, external, override, usedOverridden, null, List.of());
        }
    }

    /**
     * An argument of a subgraph field whose value comes from the nearest ancestor object carrying a context
     * ({@code @context(name:)} on its type): {@code selection} is read from that object.
     *
     * @param name      the argument's name in the subgraph
     * @param type      the argument's type in the subgraph (e.g. {@code String})
     * @param context   the context's name (as composed, e.g. {@code b__userContext})
     * @param selection the field set to read on the ancestor (e.g. {@code { currency }})
     */
    public record ContextArgument(String name, String type, String context, String selection) {
    }

    /** Kind of a named type. */
    public enum Kind { OBJECT, INTERFACE, UNION, ENUM, INPUT_OBJECT, SCALAR }

    /** Type reference: named type with list/non-null wrappers, kept as a compact string like {@code [String!]!}. */
    public record TypeRef(String text, String named, boolean nonNull, int listDepth) {
        /** Parses {@code [Foo!]!} forms. */
        public static TypeRef parse(String text) {
            String t = text.trim();
            boolean nn = t.endsWith("!");
            int depth = 0;
            for (char c : t.toCharArray()) {
                if (c == '[') depth++;
            }
            String named = t.replace("[", "").replace("]", "").replace("!", "").trim();
            return new TypeRef(t, named, nn, depth);
        }

        /** Inner type of a list ({@code [A!]!} to {@code A!}). */
        public TypeRef unwrapList() {
            String t = text;
            if (t.endsWith("!")) t = t.substring(0, t.length() - 1);
            if (t.startsWith("[") && t.endsWith("]")) return parse(t.substring(1, t.length() - 1));
            return this;
        }

        public boolean isList() {
            return listDepth > 0 && text.replace("!", "").startsWith("[");
        }
    }

    /** A field of an object or interface type. */
    public record FieldDef(String name, TypeRef type, List<ArgDef> args, List<JoinField> joinFields,
                           boolean inaccessible) {
    }

    /** An argument or input field. */
    public record ArgDef(String name, TypeRef type, String defaultValue) {
    }

    /** A named type and its federation metadata. */
    public record TypeDef(String name, Kind kind, Map<String, FieldDef> fields, List<JoinType> joinTypes,
                          List<String> interfaces, Map<String, Set<String>> implementsByGraph,
                          List<String> unionMembers, Map<String, Set<String>> unionMembersByGraph,
                          Map<String, Set<String>> enumValueGraphs, boolean inaccessible, List<String> contexts) {
        /** Without contexts ({@code @context}). */
        public TypeDef(String name, Kind kind, Map<String, FieldDef> fields, List<JoinType> joinTypes,
                       List<String> interfaces, Map<String, Set<String>> implementsByGraph,
                       List<String> unionMembers, Map<String, Set<String>> unionMembersByGraph,
                       Map<String, Set<String>> enumValueGraphs, boolean inaccessible) {
            this(name, kind, fields, joinTypes, interfaces, implementsByGraph, unionMembers, unionMembersByGraph,
                    enumValueGraphs, inaccessible, List.of());
        }

        public boolean isComposite() {
            return kind == Kind.OBJECT || kind == Kind.INTERFACE || kind == Kind.UNION;
        }

        public boolean isAbstract() {
            return kind == Kind.INTERFACE || kind == Kind.UNION;
        }
    }
}
