package com.shopbff.router.pipeline;

/**
 * The one policy for the pipeline's caches (parsed documents, normalised operations, plans), all bounded by
 * Caffeine (W-TinyLFU: a burst of one-off documents cannot evict the operations clients keep sending).
 *
 * @param maxDocumentChars  total size, in characters of document text, of the entries each cache may hold. An
 *                          entry weighs its document's length plus {@link #ENTRY_OVERHEAD_CHARS}; parsed documents
 *                          and plans take roughly 10–40 bytes of heap per character of text, so the default (4 Mi
 *                          characters) keeps each cache well under 200 MB even when filled with the largest
 *                          cacheable documents, and holds thousands of ordinary operations.
 * @param maxCacheableChars longer documents are never cached (hostile clients cannot fill the caches with
 *                          megabytes of text; real operations are a few KiB)
 */
public record CachePolicy(long maxDocumentChars, int maxCacheableChars) {
    /** Fixed weight added to every entry, so that thousands of tiny documents also count. */
    public static final int ENTRY_OVERHEAD_CHARS = 256;
    public static final CachePolicy DEFAULTS = new CachePolicy(4L << 20, 32 * 1024);

    public CachePolicy {
        if (maxDocumentChars < 0 || maxCacheableChars < 0) throw new IllegalArgumentException("negative cache size");
    }

    /** The weight of an entry for a document of this length. */
    int weigh(int documentChars) {
        return documentChars + ENTRY_OVERHEAD_CHARS;
    }

    boolean cacheable(String document) {
        return document.length() <= maxCacheableChars;
    }
}
