package com.shopbff.router.limits;

/**
 * Request limits checked between parsing and validation. Zero means unlimited.
 *
 * @param maxDepth   deepest field nesting
 * @param maxAliases aliases in one document
 */
public record Limits(int maxDepth, int maxAliases) {
    public static final Limits NONE = new Limits(0, 0);

    public Limits {
        if (maxDepth < 0 || maxAliases < 0) throw new IllegalArgumentException("limits must be >= 0");
    }
}
