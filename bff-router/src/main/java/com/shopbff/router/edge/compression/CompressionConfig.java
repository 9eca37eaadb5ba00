package com.shopbff.router.edge.compression;

/**
 * Response compression and request body decompression.
 *
 * @param responses      compress responses when the client's {@code Accept-Encoding} asks (gzip, deflate, and zstd);
 *                       default on
 * @param minBytes       responses smaller than this are sent as they are (compression would not pay); default 1024
 * @param level          gzip/deflate level 1..9; default 5 (most of level 9's gain on JSON at a third of its CPU)
 * @param zstd           offer zstd (zstd-jni) besides gzip and deflate; default on
 * @param requestBodies  accept request bodies with {@code Content-Encoding: gzip} or {@code deflate}; the body-size
 *                       limit applies to the decompressed bytes; default on
 */
public record CompressionConfig(boolean responses, int minBytes, int level, boolean zstd, boolean requestBodies) {
    public static final CompressionConfig DEFAULTS = new CompressionConfig(true, 1024, 5, true, true);
    public static final CompressionConfig OFF = new CompressionConfig(false, 1024, 5, false, false);

    public CompressionConfig {
        if (minBytes < 0) throw new IllegalArgumentException("compression min-bytes must be >= 0");
        if (level < 1 || level > 9) throw new IllegalArgumentException("compression level must be 1..9");
    }
}
