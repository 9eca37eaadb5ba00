package com.shopbff.router.supergraph;

import graphql.language.*;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.*;

/**
 * Applications of the directives that the router enforces or reads at its edge, by schema coordinate
 * ({@code Type}, {@code Type.field}, {@code Type.field(arg:)}, {@code Input.field}): {@code @authenticated},
 * {@code @requiresScopes}, {@code @policy} (Federation 2.5+ security specs), {@code @cost}, {@code @listSize}
 * (the cost spec) and {@code @cacheControl}. Names are canonical: a supergraph that imports a directive under
 * another name ({@code @link(url: ".../cost/v0.1", import: [{name: "@cost", as: "@weight"}])}) or namespaces it
 * ({@code @cost__listSize}) is read correctly.
 */
public final class SchemaDirectives {
    /** The canonical names read. */
    public static final Set<String> NAMES = Set.of("authenticated", "requiresScopes", "policy", "cost", "listSize",
            "cacheControl");
    public static final SchemaDirectives NONE = new SchemaDirectives(Map.of());

    /** One application: canonical name and arguments as plain Java values (String, Long, Double, Boolean, List, Map). */
    public record Applied(String name, Map<String, Object> args) {
        public Object arg(String n) {
            return args.get(n);
        }
    }

    private final Map<String, List<Applied>> byCoordinate;

    SchemaDirectives(Map<String, List<Applied>> byCoordinate) {
        Map<String, List<Applied>> m = new HashMap<>();
        byCoordinate.forEach((k, v) -> m.put(k, List.copyOf(v)));
        this.byCoordinate = Map.copyOf(m);
    }

    /** Applications at a coordinate, in SDL order. */
    public List<Applied> at(String coordinate) {
        List<Applied> l = byCoordinate.get(coordinate);
        return l == null ? List.of() : l;
    }

    /** The first application of {@code name} at a coordinate, or null. */
    public Applied find(String coordinate, String name) {
        List<Applied> l = byCoordinate.get(coordinate);
        if (l == null) return null;
        for (Applied a : l) if (a.name().equals(name)) return a;
        return null;
    }

    /** Whether any coordinate carries {@code name}. */
    public boolean uses(String name) {
        for (List<Applied> l : byCoordinate.values()) {
            for (Applied a : l) if (a.name().equals(name)) return true;
        }
        return false;
    }

    public boolean isEmpty() {
        return byCoordinate.isEmpty();
    }

    public static String field(String type, String field) {
        return type + "." + field;
    }

    public static String argument(String type, String field, String arg) {
        return type + "." + field + "(" + arg + ":)";
    }

    // ---- reading ------------------------------------------------------------------------------------------

    /** Reads the applications from a supergraph document. */
    static SchemaDirectives read(Document doc) {
        Map<String, String> canonical = localNames(doc);
        Map<String, List<Applied>> out = new LinkedHashMap<>();
        for (Definition<?> d : doc.getDefinitions()) {
            if (!(d instanceof TypeDefinition<?> td) || td.getName().contains("__")) continue;
            String t = td.getName();
            collect(out, t, td.getDirectives(), canonical);
            if (td instanceof ObjectTypeDefinition o) fields(out, t, o.getFieldDefinitions(), canonical);
            else if (td instanceof InterfaceTypeDefinition i) fields(out, t, i.getFieldDefinitions(), canonical);
            else if (td instanceof InputObjectTypeDefinition in) {
                for (InputValueDefinition f : in.getInputValueDefinitions()) {
                    collect(out, field(t, f.getName()), f.getDirectives(), canonical);
                }
            }
        }
        return out.isEmpty() ? NONE : new SchemaDirectives(out);
    }

    private static void fields(Map<String, List<Applied>> out, String type, List<FieldDefinition> fs,
                               Map<String, String> canonical) {
        for (FieldDefinition f : fs) {
            collect(out, field(type, f.getName()), f.getDirectives(), canonical);
            for (InputValueDefinition a : f.getInputValueDefinitions()) {
                collect(out, argument(type, f.getName(), a.getName()), a.getDirectives(), canonical);
            }
        }
    }

    private static void collect(Map<String, List<Applied>> out, String coordinate, List<Directive> ds,
                                Map<String, String> canonical) {
        for (Directive d : ds) {
            String name = canonical.get(d.getName());
            if (name == null) continue;
            Map<String, Object> args = new LinkedHashMap<>();
            for (Argument a : d.getArguments()) args.put(a.getName(), value(a.getValue()));
            out.computeIfAbsent(coordinate, k -> new ArrayList<>()).add(new Applied(name, Collections.unmodifiableMap(args)));
        }
    }

    /**
     * Local directive name to canonical name, from the schema's {@code @link}s. Without a link for a spec, its
     * directives are taken under their plain names (a supergraph composed without links, or {@code @cacheControl},
     * which no federation spec defines).
     */
    static Map<String, String> localNames(Document doc) {
        Map<String, String> m = new HashMap<>();
        for (String n : NAMES) m.put(n, n);
        for (Definition<?> d : doc.getDefinitions()) {
            List<Directive> ds = d instanceof SchemaDefinition sd ? sd.getDirectives()
                    : d instanceof SchemaExtensionDefinition se ? se.getDirectives() : List.of();
            for (Directive link : ds) {
                if (!link.getName().equals("link") && !link.getName().equals("core")) continue;
                Object url = link.getArgument("url") != null ? value(link.getArgument("url").getValue())
                        : link.getArgument("feature") != null ? value(link.getArgument("feature").getValue()) : null;
                if (!(url instanceof String u)) continue;
                String spec = specName(u);
                if (spec == null) continue;
                Object as = link.getArgument("as") == null ? null : value(link.getArgument("as").getValue());
                String namespace = as instanceof String s ? s : spec;
                // directives of the spec that are not imported are namespaced: spec__name, the spec's own: namespace
                for (String n : NAMES) {
                    if (n.equals(spec)) {
                        m.remove(n);
                        m.put(namespace, n);
                    }
                }
                if (isKnownSpec(spec)) {
                    for (String n : specDirectives(spec)) {
                        if (!n.equals(spec)) {
                            m.put(namespace + "__" + n, n);
                        }
                    }
                }
                Object imports = link.getArgument("import") == null ? null : value(link.getArgument("import").getValue());
                if (imports instanceof List<?> l) {
                    for (Object i : l) {
                        String name = null, alias = null;
                        if (i instanceof String s) name = alias = s;
                        else if (i instanceof Map<?, ?> im) {
                            name = im.get("name") instanceof String s ? s : null;
                            alias = im.get("as") instanceof String s ? s : name;
                        }
                        if (name == null || !name.startsWith("@") || alias == null) continue;
                        String canon = name.substring(1);
                        if (NAMES.contains(canon) && specDirectives(spec).contains(canon)) {
                            if (!alias.equals(name)) m.remove(canon);
                            m.put(alias.substring(alias.startsWith("@") ? 1 : 0), canon);
                        }
                    }
                }
            }
        }
        return m;
    }

    private static boolean isKnownSpec(String spec) {
        return !specDirectives(spec).isEmpty();
    }

    private static Set<String> specDirectives(String spec) {
        return switch (spec) {
            case "cost" -> Set.of("cost", "listSize");
            case "authenticated" -> Set.of("authenticated");
            case "requiresScopes" -> Set.of("requiresScopes");
            case "policy" -> Set.of("policy");
            case "cacheControl" -> Set.of("cacheControl");
            default -> Set.of();
        };
    }

    /** {@code https://specs.apollo.dev/cost/v0.1} → {@code cost}. */
    private static String specName(String url) {
        String u = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        String[] parts = u.split("/");
        if (parts.length < 2) return null;
        String last = parts[parts.length - 1];
        return last.matches("v\\d+(\\.\\d+)?") ? parts[parts.length - 2] : last;
    }

    static Object value(Value<?> v) {
        if (v instanceof StringValue s) return s.getValue();
        if (v instanceof IntValue i) {
            BigInteger b = i.getValue();
            return b.bitLength() < 63 ? b.longValue() : b.doubleValue();
        }
        if (v instanceof FloatValue f) {
            BigDecimal b = f.getValue();
            return b.doubleValue();
        }
        if (v instanceof BooleanValue b) return b.isValue();
        if (v instanceof EnumValue e) return e.getName();
        if (v instanceof NullValue) return null;
        if (v instanceof ArrayValue a) {
            List<Object> l = new ArrayList<>();
            for (Value<?> x : a.getValues()) l.add(value(x));
            return Collections.unmodifiableList(l);
        }
        if (v instanceof ObjectValue o) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (ObjectField f : o.getObjectFields()) m.put(f.getName(), value(f.getValue()));
            return Collections.unmodifiableMap(m);
        }
        return null;
    }
}
