package com.shopbff.router.response;

import com.fasterxml.jackson.core.io.SerializedString;
import com.shopbff.router.operation.DeferredFragment;
import com.shopbff.router.operation.Inclusion;
import com.shopbff.router.operation.NormalizedField;
import com.shopbff.router.operation.NormalizedOperation;
import com.shopbff.router.operation.NormalizedSelectionSet;
import com.shopbff.router.supergraph.Supergraph;
import com.shopbff.router.supergraph.SupergraphModel.TypeDef;
import com.shopbff.router.supergraph.SupergraphModel.TypeRef;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A normalised operation compiled for response completion: per selection set the fields of each concrete type as
 * arrays, each field with its response key pre-encoded, its nullability per list level, the enum values the API
 * exposes, its inclusion and deferred fragment. Built once per plan; read-only.
 */
final class ResponseShape {
    final NormalizedOperation operation;
    final Selection root;

    /** One selection set. */
    static final class Selection {
        final String declared;
        final boolean isAbstract;
        final Map<String, Field[]> byType = new HashMap<>();
        Field[] declaredFields;
        /** For abstract values whose runtime type is itself abstract (interface objects); null when types differ. */
        Field[] common;

        Selection(String declared, boolean isAbstract) {
            this.declared = declared;
            this.isAbstract = isAbstract;
        }
    }

    /** One field. */
    static final class Field {
        SerializedString key;
        /** {@code "key":} encoded for {@link com.shopbff.router.json.JsonWriter} */
        byte[] encodedName;
        String responseKey;
        String name;
        boolean typename;
        /** answered as is (introspection root fields) */
        boolean raw;
        boolean removed;
        Inclusion inclusion;
        DeferredFragment defer;
        int listDepth;
        /** per list level, outermost first, then the named type */
        boolean[] nonNull;
        Set<String> enumAllowed;
        Selection children;
    }

    private ResponseShape(NormalizedOperation operation, Selection root) {
        this.operation = operation;
        this.root = root;
    }

    static ResponseShape compile(Supergraph sg, Map<String, Set<String>> enumValues, NormalizedOperation op) {
        Compiler c = new Compiler(sg, enumValues);
        return new ResponseShape(op, c.selection(op.root(), op.rootType()));
    }

    private static final class Compiler {
        final Supergraph sg;
        final Map<String, Set<String>> enumValues;
        final Map<NormalizedSelectionSet, Selection> seen = new IdentityHashMap<>();

        Compiler(Supergraph sg, Map<String, Set<String>> enumValues) {
            this.sg = sg;
            this.enumValues = enumValues;
        }

        Selection selection(NormalizedSelectionSet ss, String declared) {
            Selection done = seen.get(ss);
            if (done != null) return done;
            TypeDef dt = sg.type(declared);
            Selection s = new Selection(declared, dt != null && dt.isAbstract());
            seen.put(ss, s);
            for (Map.Entry<String, List<NormalizedField>> e : ss.byType().entrySet()) {
                s.byType.put(e.getKey(), fields(e.getValue()));
            }
            s.declaredFields = s.byType.getOrDefault(declared, new Field[0]);
            if (s.isAbstract) {
                List<NormalizedField> common = commonFields(ss);
                s.common = common == null ? null : fields(common);
            }
            return s;
        }

        Field[] fields(List<NormalizedField> list) {
            Field[] out = new Field[list.size()];
            for (int i = 0; i < out.length; i++) {
                NormalizedField f = list.get(i);
                Field w = new Field();
                w.key = new SerializedString(f.responseKey());
                w.encodedName = com.shopbff.router.json.JsonWriter.encodeName(f.responseKey());
                // interned like the field names Jackson's parser returns, so map lookups usually match by identity
                w.responseKey = f.responseKey().intern();
                w.name = f.name();
                w.typename = f.isTypename();
                w.removed = f.removed();
                w.inclusion = f.inclusion();
                w.defer = f.defer();
                if (!w.typename && f.type() == null) {
                    w.raw = true;
                } else if (!w.typename) {
                    List<Boolean> nn = new ArrayList<>();
                    TypeRef t = f.type();
                    while (t.isList()) {
                        nn.add(t.nonNull());
                        t = t.unwrapList();
                    }
                    nn.add(t.nonNull());
                    w.listDepth = nn.size() - 1;
                    w.nonNull = new boolean[nn.size()];
                    for (int k = 0; k < nn.size(); k++) w.nonNull[k] = nn.get(k);
                    w.enumAllowed = enumValues.get(t.named());
                    if (f.children() != null) w.children = selection(f.children(), t.named());
                }
                out[i] = w;
            }
            return out;
        }
    }

    /** The fields every concrete type selects alike (no type conditions, no __typename), or null. */
    static List<NormalizedField> commonFields(NormalizedSelectionSet ss) {
        List<NormalizedField> first = null;
        for (List<NormalizedField> l : ss.byType().values()) {
            if (first == null) {
                first = l;
                continue;
            }
            if (l.size() != first.size()) return null;
            for (int i = 0; i < l.size(); i++) {
                if (!l.get(i).responseKey().equals(first.get(i).responseKey()) || l.get(i).isTypename()) return null;
            }
        }
        return first;
    }
}
