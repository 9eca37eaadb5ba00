package com.shopbff.router.edge.persisted;

import com.shopbff.router.json.Json;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A trusted-documents manifest: operation ids to document texts. Reads both formats clients' tooling writes:
 * Apollo's persisted-query list ({@code {"format":"apollo-persisted-query-manifest","version":1,"operations":[{"id",
 * "body","name","type"}]}}) and GraphQL Codegen client preset's {@code persisted-documents.json}
 * ({@code {"<hash>": "<document>"}}, also Relay's shape).
 */
public record Manifest(Map<String, String> byId, Set<String> bodyHashes) {
    public static final Manifest EMPTY = new Manifest(Map.of(), Set.of());

    public Manifest {
        byId = Map.copyOf(byId);
        bodyHashes = Set.copyOf(bodyHashes);
    }

    /** The document of an id ({@code sha256:} prefixes and hex case ignored), or null. */
    public String document(String id) {
        return id == null ? null : byId.get(key(id));
    }

    /** Ids as stored: without a {@code sha256:} prefix (GraphQL Codegen writes one), hex digests in lower case. */
    private static String key(String id) {
        String k = id.startsWith("sha256:") ? id.substring(7) : id;
        return Sha256.isHex(k) ? k.toLowerCase(Locale.ROOT) : k;
    }

    /** Whether exactly this document text is in the manifest. */
    public boolean containsText(String text) {
        return bodyHashes.contains(Sha256.hex(text));
    }

    public int size() {
        return byId.size();
    }

    /**
     * Parses manifest JSON.
     *
     * @throws IllegalArgumentException when it is neither format or an entry is malformed
     */
    public static Manifest parse(byte[] json) {
        Object root;
        try {
            root = Json.parse(json);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the manifest is not valid JSON");
        }
        if (!(root instanceof Map<?, ?> m)) throw new IllegalArgumentException("the manifest must be a JSON object");
        Map<String, String> byId = new HashMap<>();
        Set<String> hashes = new HashSet<>();
        if (m.containsKey("format") || m.containsKey("operations")) {
            if (!"apollo-persisted-query-manifest".equals(m.get("format"))) {
                throw new IllegalArgumentException("unknown manifest format " + m.get("format")
                        + " (expected apollo-persisted-query-manifest)");
            }
            if (!(m.get("version") instanceof Number v) || v.intValue() != 1) {
                throw new IllegalArgumentException("unsupported apollo-persisted-query-manifest version " + m.get("version"));
            }
            if (!(m.get("operations") instanceof List<?> ops)) {
                throw new IllegalArgumentException("the manifest has no operations list");
            }
            int i = 0;
            for (Object o : ops) {
                if (!(o instanceof Map<?, ?> op) || !(op.get("id") instanceof String id) || id.isBlank()
                        || !(op.get("body") instanceof String body) || body.isBlank()) {
                    throw new IllegalArgumentException("operation " + i + " needs a string id and body");
                }
                put(byId, hashes, id, body);
                i++;
            }
        } else {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!(e.getValue() instanceof String body) || body.isBlank()) {
                    throw new IllegalArgumentException("entry " + e.getKey() + " must map an id to a document string");
                }
                put(byId, hashes, String.valueOf(e.getKey()), body);
            }
        }
        return new Manifest(byId, hashes);
    }

    private static void put(Map<String, String> byId, Set<String> hashes, String id, String body) {
        byId.put(key(id), body);
        hashes.add(Sha256.hex(body));
    }
}
