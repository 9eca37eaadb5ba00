package com.shopbff.customer.privacy;

import org.bson.Document;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One entry of the privacy audit, collection {@code privacy_requests}: a data export ({@code _id} = export id) or an
 * erasure ({@code _id} = {@code erasure:<customer id>}), with each source subgraph's answer. It holds no personal data
 * (the customer id is a random id that maps to nobody once the account is erased), so it is kept after erasure.
 *
 * @param status exports: PENDING, READY, FAILED, EXPIRED; erasures: IN_PROGRESS, COMPLETED
 * @param steps  source name → when it answered and what it reported
 * @param chunkCounts exports: source → number of chunks its part has
 * @param chunks exports: the chunks received, as {@code <source>:<n>}
 */
public record PrivacyRequest(String id, Kind kind, String customerId, String status, Instant requestedAt, Instant completedAt,
                             Instant expiresAt, int attempts, Instant nextSendAt, List<String> sources, Map<String, Step> steps,
                             Map<String, Integer> chunkCounts, List<String> chunks, String failureReason) {
    public static final String COLLECTION = "privacy_requests";

    public enum Kind { DATA_EXPORT, ERASURE }

    public record Step(Instant completedAt, String detail) {}

    public static String erasureId(String customerId) {
        return "erasure:" + customerId;
    }

    /** The sources that have not answered yet. */
    public List<String> missing() {
        return sources.stream().filter(s -> !steps.containsKey(s)).toList();
    }

    /** Whether every chunk of this source's export part has come. */
    public boolean hasAllChunksOf(String source) {
        Integer n = chunkCounts.get(source);
        if (n == null) return false;
        for (int i = 0; i < n; i++) if (!chunks.contains(source + ":" + i)) return false;
        return true;
    }

    static PrivacyRequest from(Document d) {
        Map<String, Step> steps = new LinkedHashMap<>();
        Document s = d.get("steps", Document.class);
        if (s != null) {
            for (String source : s.keySet()) {
                Document step = s.get(source, Document.class);
                steps.put(source, new Step(instant(step.getDate("completedAt")), step.getString("detail")));
            }
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        Document c = d.get("chunkCounts", Document.class);
        if (c != null) for (String source : c.keySet()) counts.put(source, ((Number) c.get(source)).intValue());
        return new PrivacyRequest(d.getString("_id"), Kind.valueOf(d.getString("kind")), d.getString("customerId"), d.getString("status"),
                instant(d.getDate("requestedAt")), instant(d.getDate("completedAt")), instant(d.getDate("expiresAt")),
                d.getInteger("attempts", 0), instant(d.getDate("nextSendAt")),
                new ArrayList<>(d.getList("sources", String.class, List.of())), steps, counts,
                new ArrayList<>(d.getList("chunks", String.class, List.of())), d.getString("failureReason"));
    }

    private static Instant instant(Date d) {
        return d == null ? null : d.toInstant();
    }
}
