package com.shopbff.router.edge.persisted;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.shopbff.router.edge.persisted.PersistedConfig.Mode;

import java.util.Locale;
import java.util.Map;

/**
 * Finds the document text of a request before anything parses it: the query text itself, a trusted document by
 * {@code documentId} (or {@code id}, or an APQ hash that is a manifest id), or an APQ registration. Applies the
 * trusted-documents mode: in {@link Mode#ENFORCE} nothing outside the manifest passes (and APQ registration is off),
 * in {@link Mode#LOG} such operations pass and are logged once each.
 */
public final class DocumentResolver {
    private final PersistedConfig config;
    private final ApqCache apq;
    private final TrustedDocuments trusted;
    private final Cache<String, Boolean> logged = Caffeine.newBuilder().maximumSize(10_000).build();

    public DocumentResolver(PersistedConfig config, TrustedDocuments trusted) {
        this.config = config;
        this.trusted = trusted;
        this.apq = config.apq() && config.mode() != Mode.ENFORCE ? new ApqCache(config.apqCacheBytes()) : null;
    }

    /** The outcome of resolution. */
    public sealed interface Resolution permits Resolved, Refused {
    }

    /** The document text to run. */
    public record Resolved(String query) implements Resolution {
    }

    /** A refusal: HTTP status, message and {@code extensions.code}. */
    public record Refused(int status, String message, String code) implements Resolution {
    }

    /** Codes of refusals that GraphQL-over-HTTP treats as request errors (200 for {@code application/json}). */
    public static final java.util.Set<String> CODES = java.util.Set.of("PERSISTED_QUERY_NOT_FOUND",
            "PERSISTED_QUERY_NOT_SUPPORTED", "PERSISTED_QUERY_HASH_MISMATCH", "PERSISTED_QUERY_NOT_IN_LIST",
            "PERSISTED_QUERY_ID_REQUIRED", "QUERY_NOT_IN_SAFELIST");

    public TrustedDocuments trusted() {
        return trusted;
    }

    public ApqCache apq() {
        return apq;
    }

    /**
     * Resolves a request's document.
     *
     * @param query      the {@code query} member (String, or anything else the client sent, or null)
     * @param documentId the {@code documentId} member, or null
     * @param id         the {@code id} member (Relay-style clients), or null
     * @param extensions the {@code extensions} object, or null
     */
    public Resolution resolve(Object query, Object documentId, Object id, Map<?, ?> extensions) {
        Object pqValue = extensions == null ? null : extensions.get("persistedQuery");
        String hash = null;
        if (pqValue != null) {
            if (!(pqValue instanceof Map<?, ?> pq)) {
                return new Refused(400, "The 'persistedQuery' extension must be an object.", "BAD_REQUEST");
            }
            if (!(pq.get("version") instanceof Number v) || v.doubleValue() != 1) {
                return new Refused(400, "Unsupported persisted query version; only version 1 is supported.",
                        "PERSISTED_QUERY_NOT_SUPPORTED");
            }
            if (!(pq.get("sha256Hash") instanceof String h) || h.isEmpty()) {
                return new Refused(400, "The persisted query needs a 'sha256Hash' string.", "BAD_REQUEST");
            }
            hash = h.toLowerCase(Locale.ROOT);
        }
        if (documentId != null && !(documentId instanceof String)) {
            return new Refused(400, "The 'documentId' must be a string.", "BAD_REQUEST");
        }
        if (query instanceof String t && t.isBlank() && documentId == null && id == null && hash == null) {
            return new Refused(400, "Must provide query string.", "BAD_REQUEST");
        }
        if (query != null) {
            if (!(query instanceof String text)) return new Refused(400, "The 'query' must be a string.", "BAD_REQUEST");
            return text(text, hash);
        }
        String lookup = documentId != null ? (String) documentId : id instanceof String s ? s : hash;
        if (lookup == null) return new Refused(400, "Must provide query string.", "BAD_REQUEST");
        String doc = trusted.manifest().document(lookup);
        if (doc != null) return new Resolved(doc);
        if (config.mode() == Mode.ENFORCE || (documentId != null || id != null) && hash == null) {
            return new Refused(400, "Persisted query '" + cut(lookup) + "' is not in the trusted documents list.",
                    "PERSISTED_QUERY_NOT_IN_LIST");
        }
        if (apq == null) return new Refused(400, "PersistedQueryNotSupported", "PERSISTED_QUERY_NOT_SUPPORTED");
        String text = apq.get(hash);
        if (text == null) return new Refused(400, "PersistedQueryNotFound", "PERSISTED_QUERY_NOT_FOUND");
        return new Resolved(text);
    }

    private Resolution text(String text, String hash) {
        if (config.mode() == Mode.ENFORCE) {
            if (config.requireId()) {
                return new Refused(400, "This router only runs trusted documents sent by id ('documentId' or "
                        + "extensions.persistedQuery.sha256Hash).", "PERSISTED_QUERY_ID_REQUIRED");
            }
            if (!trusted.manifest().containsText(text)) {
                return new Refused(400, "The operation is not in the trusted documents list.", "QUERY_NOT_IN_SAFELIST");
            }
            return new Resolved(text);
        }
        if (hash != null && apq != null) {
            String actual = Sha256.hex(text);
            if (!actual.equals(hash)) {
                return new Refused(400, "provided sha does not match query", "PERSISTED_QUERY_HASH_MISMATCH");
            }
            apq.put(hash, text);
        }
        if (config.mode() == Mode.LOG && !trusted.manifest().containsText(text)) {
            String h = hash != null ? hash : Sha256.hex(text);
            if (logged.asMap().putIfAbsent(h, Boolean.TRUE) == null) {
                System.err.printf("bff-router: operation not in the trusted documents list (log-only mode): sha256 %s: %s%n",
                        h, oneLine(text));
            }
        }
        return new Resolved(text);
    }

    private static String oneLine(String text) {
        String s = text.replaceAll("\\s+", " ").trim();
        return s.length() <= 200 ? s : s.substring(0, 200) + "...";
    }

    private static String cut(String s) {
        return s.length() <= 100 ? s : s.substring(0, 100) + "...";
    }
}
