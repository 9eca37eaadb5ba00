package com.shopbff.router.edge;

/**
 * Request batching: a JSON array of operations in one POST, answered by an array in the same order.
 *
 * @param enabled  default off (a batch is then refused with {@code BATCHING_NOT_SUPPORTED})
 * @param maxSize  most operations in one batch; default 10 ({@code BATCH_TOO_LARGE} beyond)
 */
public record BatchingConfig(boolean enabled, int maxSize) {
    public static final BatchingConfig OFF = new BatchingConfig(false, 10);

    public BatchingConfig {
        if (maxSize < 1) throw new IllegalArgumentException("batching max size must be >= 1");
    }
}
