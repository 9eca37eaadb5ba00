package com.shopbff.router.pipeline;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * A cache bounded by {@link CachePolicy}: Caffeine, weighed by the document text behind each key. Lookups are
 * lock-free; a miss computes outside any lock (two concurrent misses may both compute: values are pure).
 */
final class BoundedCache<K, V> {
    private final Cache<K, V> cache;

    BoundedCache(CachePolicy policy, ToIntFunction<K> documentChars) {
        this.cache = Caffeine.newBuilder()
                .maximumWeight(policy.maxDocumentChars())
                .<K, V>weigher((k, v) -> policy.weigh(documentChars.applyAsInt(k)))
                .executor(Runnable::run) // maintenance on the caller's thread: no ForkJoinPool tasks per write
                .build();
    }

    V getIfPresent(K key) {
        return cache.getIfPresent(key);
    }

    void put(K key, V value) {
        cache.put(key, value);
    }

    /** The cached value, or computes (without holding a lock) and caches it. */
    V get(K key, Function<K, V> compute) {
        V v = cache.getIfPresent(key);
        if (v != null) return v;
        v = compute.apply(key);
        cache.put(key, v);
        return v;
    }

    long size() {
        return cache.estimatedSize();
    }
}
