package com.shopbff.router.supergraph;

import com.shopbff.router.supergraph.SupergraphModel.ArgDef;
import com.shopbff.router.supergraph.SupergraphModel.ContextArgument;
import com.shopbff.router.supergraph.SupergraphModel.FieldDef;
import com.shopbff.router.supergraph.SupergraphModel.Graph;
import com.shopbff.router.supergraph.SupergraphModel.JoinField;
import com.shopbff.router.supergraph.SupergraphModel.JoinType;
import com.shopbff.router.supergraph.SupergraphModel.Kind;
import com.shopbff.router.supergraph.SupergraphModel.TypeDef;
import graphql.language.*;
import graphql.parser.Parser;
import graphql.parser.ParserEnvironment;
import graphql.parser.ParserOptions;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import graphql.schema.idl.UnExecutableSchemaGenerator;

import java.util.*;

/** Reads supergraph SDL into a {@link Supergraph} and derives the API schema. */
final class SupergraphLoader {
    /** Directives that belong to federation machinery (never part of the API schema). */
    private static final Set<String> MACHINERY = Set.of("link", "core", "inaccessible", "tag", "authenticated",
            "requiresScopes", "policy", "cost", "listSize", "context", "fromContext", "composeDirective",
            "interfaceObject", "key", "external", "requires", "provides", "shareable", "override", "extends");
    private static final Set<String> BUILTIN_DIRECTIVES = Set.of("deprecated", "specifiedBy", "oneOf", "include",
            "skip", "defer", "stream");

    private SupergraphLoader() {
    }

    static Supergraph load(String sdl) {
        Document doc;
        try {
            doc = Parser.parse(ParserEnvironment.newParserEnvironment().document(sdl)
                    .parserOptions(ParserOptions.newParserOptions().maxTokens(Integer.MAX_VALUE)
                            .maxWhitespaceTokens(Integer.MAX_VALUE).maxCharacters(Integer.MAX_VALUE)
                            .captureSourceLocation(false).build()).build());
        } catch (RuntimeException e) {
            throw new SupergraphException("supergraph SDL does not parse: " + e.getMessage(), e);
        }
        Map<String, Graph> graphs = new LinkedHashMap<>();
        String query = null, mutation = null, subscription = null;
        List<TypeDefinition<?>> typeDefs = new ArrayList<>();
        for (Definition<?> d : doc.getDefinitions()) {
            if (d instanceof SchemaDefinition sd) {
                for (OperationTypeDefinition otd : sd.getOperationTypeDefinitions()) {
                    switch (otd.getName()) {
                        case "query" -> query = otd.getTypeName().getName();
                        case "mutation" -> mutation = otd.getTypeName().getName();
                        case "subscription" -> subscription = otd.getTypeName().getName();
                        default -> { }
                    }
                }
            } else if (d instanceof EnumTypeDefinition e && e.getName().equals("join__Graph")) {
                for (EnumValueDefinition v : e.getEnumValueDefinitions()) {
                    Directive g = v.getDirectives("join__graph").stream().findFirst().orElse(null);
                    String name = g == null ? v.getName().toLowerCase(Locale.ROOT) : str(g, "name");
                    String url = g == null ? null : str(g, "url");
                    graphs.put(v.getName(), new Graph(v.getName(), name == null ? v.getName() : name, url));
                }
            } else if (d instanceof TypeDefinition<?> td) {
                typeDefs.add(td);
            }
        }
        if (graphs.isEmpty()) throw new SupergraphException("supergraph has no join__Graph subgraphs");
        Map<String, TypeDef> types = new LinkedHashMap<>();
        Map<String, String> owners = new HashMap<>();
        for (TypeDefinition<?> td : typeDefs) {
            if (isMachineryType(td.getName())) continue;
            TypeDef merged = toTypeDef(td, types.get(td.getName()));
            types.put(td.getName(), merged);
            String owner = td.getDirectives("join__owner").stream().findFirst().map(dd -> enumArg(dd, "graph")).orElse(null);
            if (owner != null) owners.put(td.getName(), owner);
        }
        // Federation-1 (join v0.1) supergraphs: fields without @join__field belong to the owner graph.
        for (Map.Entry<String, String> e : owners.entrySet()) {
            TypeDef t = types.get(e.getKey());
            Map<String, FieldDef> fields = new LinkedHashMap<>();
            for (FieldDef f : t.fields().values()) {
                if (!Supergraph.hasGraphJoinFields(f)) {
                    f = new FieldDef(f.name(), f.type(), f.args(),
                            List.of(new JoinField(e.getValue(), null, null, null, false, null, false)), f.inaccessible());
                }
                fields.put(f.name(), f);
            }
            types.put(t.name(), new TypeDef(t.name(), t.kind(), fields, t.joinTypes(), t.interfaces(),
                    t.implementsByGraph(), t.unionMembers(), t.unionMembersByGraph(), t.enumValueGraphs(), t.inaccessible(),
                    t.contexts()));
        }
        if (query == null && types.containsKey("Query")) query = "Query";
        if (mutation == null && types.containsKey("Mutation")) mutation = "Mutation";
        if (subscription == null && types.containsKey("Subscription")) subscription = "Subscription";
        if (query == null) throw new SupergraphException("supergraph has no query root type");
        Document apiDoc = apiDocument(doc, types, query, mutation, subscription);
        return new Supergraph(graphs, types, query, mutation, subscription, apiDoc, SchemaDirectives.read(doc));
    }

    /** Builds graphql-java's schema for the API (validation, introspection) from the cleaned AST. */
    static GraphQLSchema buildApiSchema(Document apiDoc) {
        try {
            // built from the cleaned AST directly: no print-and-reparse
            TypeDefinitionRegistry reg = new SchemaParser().buildRegistry(apiDoc);
            return UnExecutableSchemaGenerator.makeUnExecutableSchema(reg);
        } catch (RuntimeException e) {
            throw new SupergraphException("API schema derived from the supergraph is invalid: " + e.getMessage(), e);
        }
    }

    private static boolean isMachineryType(String name) {
        // join__, link__, core__, federation__, context__ and the security specs' requiresScopes__Scope, policy__Policy
        return name.contains("__");
    }

    private static TypeDef toTypeDef(TypeDefinition<?> td, TypeDef previous) {
        boolean inaccessible = !td.getDirectives("inaccessible").isEmpty()
                || (previous != null && previous.inaccessible());
        List<JoinType> joinTypes = new ArrayList<>(previous == null ? List.of() : previous.joinTypes());
        for (Directive d : td.getDirectives("join__type")) {
            joinTypes.add(new JoinType(enumArg(d, "graph"), str(d, "key"), bool(d, "extension", false),
                    bool(d, "resolvable", true), bool(d, "isInterfaceObject", false)));
        }
        Map<String, FieldDef> fields = new LinkedHashMap<>(previous == null ? Map.of() : previous.fields());
        List<String> interfaces = new ArrayList<>(previous == null ? List.of() : previous.interfaces());
        Map<String, Set<String>> implByGraph = new LinkedHashMap<>(previous == null ? Map.of() : previous.implementsByGraph());
        List<String> members = new ArrayList<>(previous == null ? List.of() : previous.unionMembers());
        Map<String, Set<String>> membersByGraph = new LinkedHashMap<>(previous == null ? Map.of() : previous.unionMembersByGraph());
        Map<String, Set<String>> enumValues = new LinkedHashMap<>(previous == null ? Map.of() : previous.enumValueGraphs());
        Kind kind;
        if (td instanceof ObjectTypeDefinition o) {
            kind = Kind.OBJECT;
            for (FieldDefinition f : o.getFieldDefinitions()) fields.put(f.getName(), field(f));
            for (Type<?> t : o.getImplements()) interfaces.add(((TypeName) t).getName());
        } else if (td instanceof InterfaceTypeDefinition i) {
            kind = Kind.INTERFACE;
            for (FieldDefinition f : i.getFieldDefinitions()) fields.put(f.getName(), field(f));
            for (Type<?> t : i.getImplements()) interfaces.add(((TypeName) t).getName());
        } else if (td instanceof UnionTypeDefinition u) {
            kind = Kind.UNION;
            for (Type<?> t : u.getMemberTypes()) members.add(((TypeName) t).getName());
            for (Directive d : u.getDirectives("join__unionMember")) {
                membersByGraph.computeIfAbsent(enumArg(d, "graph"), k -> new LinkedHashSet<>()).add(str(d, "member"));
            }
        } else if (td instanceof EnumTypeDefinition e) {
            kind = Kind.ENUM;
            for (EnumValueDefinition v : e.getEnumValueDefinitions()) {
                Set<String> gs = new LinkedHashSet<>();
                for (Directive d : v.getDirectives("join__enumValue")) gs.add(enumArg(d, "graph"));
                enumValues.put(v.getName(), gs);
            }
        } else if (td instanceof InputObjectTypeDefinition in) {
            kind = Kind.INPUT_OBJECT;
            for (InputValueDefinition f : in.getInputValueDefinitions()) {
                fields.put(f.getName(), new FieldDef(f.getName(), Supergraph.typeRef(f.getType()), List.of(),
                        joinFields(f.getDirectives("join__field")), !f.getDirectives("inaccessible").isEmpty()));
            }
        } else {
            kind = Kind.SCALAR;
        }
        for (Directive d : td.getDirectives("join__implements")) {
            implByGraph.computeIfAbsent(enumArg(d, "graph"), k -> new LinkedHashSet<>()).add(str(d, "interface"));
        }
        List<String> contexts = new ArrayList<>(previous == null ? List.of() : previous.contexts());
        for (Directive d : td.getDirectives("context")) contexts.add(str(d, "name"));
        return new TypeDef(td.getName(), kind, fields, List.copyOf(joinTypes), List.copyOf(interfaces), implByGraph,
                List.copyOf(members), membersByGraph, enumValues, inaccessible, List.copyOf(contexts));
    }

    private static FieldDef field(FieldDefinition f) {
        List<ArgDef> args = new ArrayList<>();
        for (InputValueDefinition a : f.getInputValueDefinitions()) {
            args.add(new ArgDef(a.getName(), Supergraph.typeRef(a.getType()),
                    a.getDefaultValue() == null ? null : AstPrinter.printAst(a.getDefaultValue())));
        }
        return new FieldDef(f.getName(), Supergraph.typeRef(f.getType()), List.copyOf(args),
                joinFields(f.getDirectives("join__field")), !f.getDirectives("inaccessible").isEmpty());
    }

    private static List<JoinField> joinFields(List<Directive> ds) {
        List<JoinField> out = new ArrayList<>();
        for (Directive d : ds) {
            List<ContextArgument> contextArgs = new ArrayList<>();
            Argument ca = d.getArgument("contextArguments");
            if (ca != null && ca.getValue() instanceof ArrayValue list) {
                for (Value<?> v : list.getValues()) {
                    if (!(v instanceof ObjectValue o)) continue;
                    Map<String, String> m = new HashMap<>();
                    for (ObjectField of : o.getObjectFields()) {
                        m.put(of.getName(), of.getValue() instanceof StringValue sv ? sv.getValue() : AstPrinter.printAst(of.getValue()));
                    }
                    contextArgs.add(new ContextArgument(m.get("name"), m.get("type"), m.get("context"), m.get("selection")));
                }
            }
            out.add(new JoinField(enumArg(d, "graph"), str(d, "requires"), str(d, "provides"), str(d, "type"),
                    bool(d, "external", false), str(d, "override"), bool(d, "usedOverridden", false),
                    str(d, "overrideLabel"), List.copyOf(contextArgs)));
        }
        return List.copyOf(out);
    }

    private static String str(Directive d, String name) {
        Argument a = d.getArgument(name);
        if (a == null) return null;
        Value<?> v = a.getValue();
        if (v instanceof StringValue s) return s.getValue();
        if (v instanceof EnumValue e) return e.getName();
        if (v instanceof NullValue) return null;
        return AstPrinter.printAst(v);
    }

    private static String enumArg(Directive d, String name) {
        return str(d, name);
    }

    private static boolean bool(Directive d, String name, boolean dflt) {
        Argument a = d.getArgument(name);
        if (a == null) return dflt;
        return a.getValue() instanceof BooleanValue b ? b.isValue() : dflt;
    }

    // ---- API schema -------------------------------------------------------------------------------------

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Document apiDocument(Document doc, Map<String, TypeDef> model, String query, String mutation,
                                        String subscription) {
        Set<String> removedTypes = new HashSet<>();
        for (TypeDef t : model.values()) if (t.inaccessible()) removedTypes.add(t.name());
        Set<String> keptDirectives = new HashSet<>(BUILTIN_DIRECTIVES);
        for (Definition<?> d : doc.getDefinitions()) {
            if (d instanceof DirectiveDefinition dd && keepDirectiveDef(dd.getName())) keptDirectives.add(dd.getName());
        }
        List<Definition> defs = new ArrayList<>();
        List<OperationTypeDefinition> ops = new ArrayList<>();
        ops.add(new OperationTypeDefinition("query", new TypeName(query)));
        if (mutation != null && !removedTypes.contains(mutation)) ops.add(new OperationTypeDefinition("mutation", new TypeName(mutation)));
        if (subscription != null && !removedTypes.contains(subscription)) {
            ops.add(new OperationTypeDefinition("subscription", new TypeName(subscription)));
        }
        defs.add(SchemaDefinition.newSchemaDefinition().operationTypeDefinitions(ops).build());
        Set<String> emitted = new HashSet<>();
        for (Definition<?> d : doc.getDefinitions()) {
            if (d instanceof DirectiveDefinition dd) {
                if (keepDirectiveDef(dd.getName()) && !BUILTIN_DIRECTIVES.contains(dd.getName())) defs.add(dd);
            } else if (d instanceof TypeDefinition<?> td) {
                if (isMachineryType(td.getName()) || removedTypes.contains(td.getName())) continue;
                if (!emitted.add(td.getName())) continue; // extensions were merged into the model already
                defs.add(cleanType(td, removedTypes, keptDirectives));
            }
        }
        return Document.newDocument().definitions(defs).build();
    }

    private static boolean keepDirectiveDef(String name) {
        return !MACHINERY.contains(name) && !name.contains("__");
    }

    private static List<Directive> cleanDirectives(List<Directive> ds, Set<String> kept) {
        List<Directive> out = new ArrayList<>();
        for (Directive d : ds) if (kept.contains(d.getName())) out.add(d);
        return out;
    }

    private static boolean inaccessible(DirectivesContainer<?> c) {
        return !c.getDirectives("inaccessible").isEmpty();
    }

    private static List<FieldDefinition> cleanFields(List<FieldDefinition> fs, Set<String> removed, Set<String> kept) {
        List<FieldDefinition> out = new ArrayList<>();
        for (FieldDefinition f : fs) {
            if (inaccessible(f) || removed.contains(named(f.getType()))) continue;
            List<InputValueDefinition> args = new ArrayList<>();
            for (InputValueDefinition a : f.getInputValueDefinitions()) {
                if (inaccessible(a)) continue;
                args.add(a.transform(b -> b.directives(cleanDirectives(a.getDirectives(), kept))));
            }
            out.add(f.transform(b -> b.inputValueDefinitions(args).directives(cleanDirectives(f.getDirectives(), kept))));
        }
        return out;
    }

    private static String named(Type<?> t) {
        while (!(t instanceof TypeName)) {
            t = t instanceof ListType l ? l.getType() : ((NonNullType) t).getType();
        }
        return ((TypeName) t).getName();
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static List<Type> cleanTypeNames(List<Type> ts, Set<String> removed) {
        List<Type> out = new ArrayList<>();
        for (Type t : ts) if (!removed.contains(named(t))) out.add(t);
        return out;
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Definition<?> cleanType(TypeDefinition<?> td, Set<String> removed, Set<String> kept) {
        List<Directive> ds = cleanDirectives(td.getDirectives(), kept);
        if (td instanceof ObjectTypeDefinition o) {
            return ObjectTypeDefinition.newObjectTypeDefinition().name(o.getName()).description(o.getDescription())
                    .implementz(cleanTypeNames((List) o.getImplements(), removed))
                    .fieldDefinitions(cleanFields(o.getFieldDefinitions(), removed, kept)).directives(ds).build();
        }
        if (td instanceof InterfaceTypeDefinition i) {
            return InterfaceTypeDefinition.newInterfaceTypeDefinition().name(i.getName()).description(i.getDescription())
                    .implementz(cleanTypeNames((List) i.getImplements(), removed))
                    .definitions(cleanFields(i.getFieldDefinitions(), removed, kept)).directives(ds).build();
        }
        if (td instanceof UnionTypeDefinition u) {
            return UnionTypeDefinition.newUnionTypeDefinition().name(u.getName()).description(u.getDescription())
                    .memberTypes(cleanTypeNames((List) u.getMemberTypes(), removed)).directives(ds).build();
        }
        if (td instanceof EnumTypeDefinition e) {
            List<EnumValueDefinition> vs = new ArrayList<>();
            for (EnumValueDefinition v : e.getEnumValueDefinitions()) {
                if (!inaccessible(v)) vs.add(v.transform(b -> b.directives(cleanDirectives(v.getDirectives(), kept))));
            }
            return EnumTypeDefinition.newEnumTypeDefinition().name(e.getName()).description(e.getDescription())
                    .enumValueDefinitions(vs).directives(ds).build();
        }
        if (td instanceof InputObjectTypeDefinition in) {
            List<InputValueDefinition> fs = new ArrayList<>();
            for (InputValueDefinition f : in.getInputValueDefinitions()) {
                if (!inaccessible(f)) fs.add(f.transform(b -> b.directives(cleanDirectives(f.getDirectives(), kept))));
            }
            return InputObjectTypeDefinition.newInputObjectDefinition().name(in.getName()).description(in.getDescription())
                    .inputValueDefinitions(fs).directives(ds).build();
        }
        if (td instanceof ScalarTypeDefinition s) {
            return ScalarTypeDefinition.newScalarTypeDefinition().name(s.getName()).description(s.getDescription())
                    .directives(ds).build();
        }
        return td;
    }
}
