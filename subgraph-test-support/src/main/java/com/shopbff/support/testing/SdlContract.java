package com.shopbff.support.testing;

import graphql.language.Definition;
import graphql.language.Directive;
import graphql.language.DirectiveDefinition;
import graphql.language.Document;
import graphql.language.EnumTypeDefinition;
import graphql.language.FieldDefinition;
import graphql.language.InputObjectTypeDefinition;
import graphql.language.InputValueDefinition;
import graphql.language.InterfaceTypeDefinition;
import graphql.language.NamedNode;
import graphql.language.ObjectTypeDefinition;
import graphql.language.ScalarTypeDefinition;
import graphql.language.SchemaExtensionDefinition;
import graphql.language.TypeDefinition;
import graphql.language.UnionTypeDefinition;
import graphql.parser.Parser;
import graphql.language.AstPrinter;

import java.util.Set;
import java.util.TreeSet;

/**
 * Reduces an SDL document to a sorted set of facts (types, fields with argument and result types, enum values,
 * input fields, directives applied to types and fields), leaving out federation's own machinery. Two SDLs with the
 * same facts are the same contract however they are formatted or ordered; used to check a subgraph's live
 * {@code _service { sdl }} against its file in schema/subgraphs.
 */
public final class SdlContract {
    private static final Set<String> FEDERATION_TYPES = Set.of("_Any", "_Entity", "_Service", "_FieldSet", "FieldSet",
            "link__Import", "link__Purpose", "federation__FieldSet", "federation__Scope", "federation__Policy",
            "federation__ContextFieldValue", "Import", "Purpose", "federation__Import",
            // DGS adds its error classification enums to every schema it serves; they are not part of our contracts.
            "ErrorType", "ErrorDetail");
    private static final Set<String> FEDERATION_FIELDS = Set.of("_service", "_entities");

    private SdlContract() {}

    public static Set<String> facts(String sdl) {
        Document doc = Parser.parse(sdl);
        Set<String> facts = new TreeSet<>();
        for (Definition<?> d : doc.getDefinitions()) {
            if (d instanceof DirectiveDefinition || d instanceof SchemaExtensionDefinition) continue;
            if (!(d instanceof TypeDefinition<?> t) || FEDERATION_TYPES.contains(t.getName())) continue;
            String type = t.getName();
            facts.add("type " + type + " " + kind(t));
            if (t instanceof ObjectTypeDefinition o) {
                o.getDirectives().forEach(dir -> facts.add(type + " @" + directive(dir)));
                for (FieldDefinition f : o.getFieldDefinitions()) {
                    if (FEDERATION_FIELDS.contains(f.getName())) continue;
                    facts.add(type + "." + f.getName() + ": " + AstPrinter.printAst(f.getType()));
                    for (InputValueDefinition a : f.getInputValueDefinitions()) {
                        facts.add(type + "." + f.getName() + "(" + a.getName() + ": " + AstPrinter.printAst(a.getType()) + ")");
                    }
                    f.getDirectives().forEach(dir -> facts.add(type + "." + f.getName() + " @" + directive(dir)));
                }
            } else if (t instanceof InterfaceTypeDefinition i) {
                i.getFieldDefinitions().forEach(f -> facts.add(type + "." + f.getName() + ": " + AstPrinter.printAst(f.getType())));
            } else if (t instanceof InputObjectTypeDefinition in) {
                in.getInputValueDefinitions().forEach(f -> facts.add(type + "." + f.getName() + ": " + AstPrinter.printAst(f.getType())));
            } else if (t instanceof EnumTypeDefinition e) {
                e.getEnumValueDefinitions().forEach(v -> facts.add(type + "." + v.getName()));
            } else if (t instanceof UnionTypeDefinition u) {
                u.getMemberTypes().forEach(m -> facts.add(type + " | " + ((NamedNode<?>) m).getName()));
            }
        }
        return facts;
    }

    private static String kind(TypeDefinition<?> t) {
        if (t instanceof ObjectTypeDefinition) return "object";
        if (t instanceof InterfaceTypeDefinition) return "interface";
        if (t instanceof InputObjectTypeDefinition) return "input";
        if (t instanceof EnumTypeDefinition) return "enum";
        if (t instanceof UnionTypeDefinition) return "union";
        if (t instanceof ScalarTypeDefinition) return "scalar";
        return t.getClass().getSimpleName();
    }

    private static String directive(Directive d) {
        String name = d.getName().startsWith("federation__") ? d.getName().substring("federation__".length()) : d.getName();
        StringBuilder sb = new StringBuilder(name);
        d.getArguments().stream().sorted((a, b) -> a.getName().compareTo(b.getName()))
                .filter(a -> !(a.getName().equals("resolvable") && AstPrinter.printAst(a.getValue()).equals("true")))
                .forEach(a -> sb.append(' ').append(a.getName()).append('=').append(AstPrinter.printAst(a.getValue())));
        return sb.toString();
    }
}
