package com.shopbff.router.supergraph;

import com.shopbff.router.supergraph.SupergraphModel.ArgDef;
import com.shopbff.router.supergraph.SupergraphModel.FieldDef;
import com.shopbff.router.supergraph.SupergraphModel.Graph;
import com.shopbff.router.supergraph.SupergraphModel.JoinField;
import com.shopbff.router.supergraph.SupergraphModel.JoinType;
import com.shopbff.router.supergraph.SupergraphModel.Kind;
import com.shopbff.router.supergraph.SupergraphModel.TypeDef;
import com.shopbff.router.supergraph.SupergraphModel.TypeRef;
import graphql.language.*;
import graphql.parser.Parser;
import graphql.parser.ParserEnvironment;
import graphql.parser.ParserOptions;
import graphql.schema.GraphQLSchema;

import java.util.*;

/**
 * A loaded Federation 2 (or Federation-1-composed) supergraph: the join metadata per type and field, the
 * subgraphs with their URLs, and the API schema that clients see. Built once; read-only afterwards.
 */
public final class Supergraph {
    private final Map<String, Graph> graphsByEnum;
    private final Map<String, Graph> graphsByName;
    private final Map<String, TypeDef> types;
    private final String queryType;
    private final String mutationType;
    private final String subscriptionType;
    private volatile GraphQLSchema apiSchema;
    private final Document apiDocument;
    private volatile String apiSdl;
    private final Map<String, List<String>> possibleTypes = new HashMap<>();
    private final SchemaDirectives directives;

    Supergraph(Map<String, Graph> graphsByEnum, Map<String, TypeDef> types, String queryType, String mutationType,
               String subscriptionType, Document apiDocument, SchemaDirectives directives) {
        this.directives = directives;
        this.graphsByEnum = graphsByEnum;
        this.graphsByName = new LinkedHashMap<>();
        graphsByEnum.values().forEach(g -> graphsByName.put(g.name(), g));
        this.types = types;
        this.queryType = queryType;
        this.mutationType = mutationType;
        this.subscriptionType = subscriptionType;
        this.apiDocument = apiDocument;
        for (TypeDef t : types.values()) {
            if (t.kind() == Kind.OBJECT) {
                possibleTypes.put(t.name(), List.of(t.name()));
            } else if (t.kind() == Kind.UNION) {
                possibleTypes.put(t.name(), List.copyOf(t.unionMembers()));
            }
        }
        for (TypeDef t : types.values()) {
            if (t.kind() == Kind.INTERFACE) {
                List<String> impl = new ArrayList<>();
                for (TypeDef o : types.values()) {
                    if (o.kind() == Kind.OBJECT && o.interfaces().contains(t.name())) impl.add(o.name());
                }
                possibleTypes.put(t.name(), List.copyOf(impl));
            }
        }
    }

    /** Parses supergraph SDL text. */
    public static Supergraph parse(String sdl) {
        return SupergraphLoader.load(sdl);
    }

    /** The edge directives applied in the supergraph (auth, cost, cache control), by schema coordinate. */
    public SchemaDirectives directives() {
        return directives;
    }

    public Collection<Graph> graphs() {
        return graphsByEnum.values();
    }

    public Graph graphByEnum(String enumValue) {
        return graphsByEnum.get(enumValue);
    }

    public Graph graphByName(String name) {
        return graphsByName.get(name);
    }

    public TypeDef type(String name) {
        return types.get(name);
    }

    public Map<String, TypeDef> types() {
        return types;
    }

    public String queryType() {
        return queryType;
    }

    public String mutationType() {
        return mutationType;
    }

    public String subscriptionType() {
        return subscriptionType;
    }

    /**
     * graphql-java's schema of the API, built on first use: the router reports ready once the supergraph model
     * is loaded and builds this in the background right after (see {@code Router.start}).
     *
     * @throws SupergraphException when the derived API schema is invalid
     */
    public GraphQLSchema apiSchema() {
        GraphQLSchema s = apiSchema;
        if (s == null) {
            synchronized (this) {
                s = apiSchema;
                if (s == null) apiSchema = s = SupergraphLoader.buildApiSchema(apiDocument);
            }
        }
        return s;
    }

    /** The API schema as SDL text (printed on first use). */
    public String apiSdl() {
        String s = apiSdl;
        if (s == null) apiSdl = s = AstPrinter.printAst(apiDocument);
        return s;
    }

    /** Concrete object types an output of this named type may have at run time (in the supergraph). */
    public List<String> possibleTypes(String typeName) {
        return possibleTypes.getOrDefault(typeName, List.of());
    }

    /** Whether the type is known in the graph (has @join__type for it, or has no join info at all). */
    public boolean typeInGraph(String typeName, String graph) {
        TypeDef t = types.get(typeName);
        if (t == null) return false;
        if (t.joinTypes().isEmpty()) return true;
        for (JoinType jt : t.joinTypes()) if (jt.graph().equals(graph)) return true;
        return false;
    }

    /** Join type entry for a graph (first one), or null. */
    public JoinType joinType(String typeName, String graph) {
        TypeDef t = types.get(typeName);
        if (t == null) return null;
        for (JoinType jt : t.joinTypes()) if (jt.graph().equals(graph)) return jt;
        return null;
    }

    /** Graphs that know the type. */
    public List<String> graphsOf(String typeName) {
        TypeDef t = types.get(typeName);
        List<String> out = new ArrayList<>();
        if (t == null) return out;
        if (t.joinTypes().isEmpty()) {
            graphsByEnum.keySet().forEach(out::add);
            return out;
        }
        for (JoinType jt : t.joinTypes()) if (!out.contains(jt.graph())) out.add(jt.graph());
        return out;
    }

    /**
     * Whether a subgraph may return an object of {@code concrete} where its schema says {@code declared}: the
     * concrete type must exist there and, for abstract declared types, be a member/implementation there.
     */
    public boolean graphCanReturn(String graph, String declared, String concrete) {
        if (declared.equals(concrete)) return typeInGraph(concrete, graph);
        TypeDef d = types.get(declared);
        TypeDef c = types.get(concrete);
        if (d == null || c == null) return false;
        if (!typeInGraph(concrete, graph)) return false;
        if (d.kind() == Kind.UNION) {
            Set<String> m = d.unionMembersByGraph().get(graph);
            if (d.unionMembersByGraph().isEmpty()) return d.unionMembers().contains(concrete);
            return m != null && m.contains(concrete);
        }
        if (d.kind() == Kind.INTERFACE) {
            if (c.implementsByGraph().isEmpty()) return c.interfaces().contains(declared);
            Set<String> impl = c.implementsByGraph().get(graph);
            return impl != null && impl.contains(declared);
        }
        return false;
    }

    /** Join-field entry of a field for a graph, or null. */
    public static JoinField joinField(FieldDef f, String graph) {
        for (JoinField jf : f.joinFields()) if (graph.equals(jf.graph())) return jf;
        return null;
    }

    /** Whether the field's join info names at least one graph. */
    public static boolean hasGraphJoinFields(FieldDef f) {
        for (JoinField jf : f.joinFields()) if (jf.graph() != null) return true;
        return false;
    }

    /** Parses a field-set string ({@code id organization { id }}) to selections. */
    public static SelectionSet parseFieldSet(String fieldSet) {
        Document doc = Parser.parse(ParserEnvironment.newParserEnvironment().document("{" + fieldSet + "}")
                .parserOptions(ParserOptions.newParserOptions().maxTokens(Integer.MAX_VALUE).build()).build());
        OperationDefinition op = (OperationDefinition) doc.getDefinitions().get(0);
        return op.getSelectionSet();
    }

    /** Argument definitions by name (used to type subgraph variables). */
    public static ArgDef arg(FieldDef f, String name) {
        for (ArgDef a : f.args()) if (a.name().equals(name)) return a;
        return null;
    }

    /** Builds a type ref from an AST type. */
    static TypeRef typeRef(Type<?> t) {
        return TypeRef.parse(AstPrinter.printAst(t));
    }
}
