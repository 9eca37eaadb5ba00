package com.shopbff.router.edge.persisted;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/** Registered APQ texts by SHA-256 (lower-case hex), bounded by total text size (least recently used leave first). */
public final class ApqCache {
    private final Cache<String, String> texts;

    public ApqCache(long maxChars) {
        this.texts = Caffeine.newBuilder().maximumWeight(Math.max(1, maxChars))
                .weigher((String k, String v) -> k.length() + v.length()).build();
    }

    public String get(String sha256) {
        return texts.getIfPresent(sha256);
    }

    public void put(String sha256, String text) {
        texts.put(sha256, text);
    }

    /** Entries now held (approximate; for tests and metrics). */
    public long size() {
        texts.cleanUp();
        return texts.estimatedSize();
    }
}
