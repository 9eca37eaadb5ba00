package com.shopbff.router.operation;

/**
 * A {@code @defer} fragment of an operation: its fields are delivered after the initial response, in incremental
 * payloads (one per object the fragment applies to).
 *
 * @param id     its number in the operation (0, 1, ...: a level's fragments before those nested below it)
 * @param label  the {@code label} argument, or null
 * @param parent the enclosing deferred fragment, or null when it is under the initial response
 */
public record DeferredFragment(int id, String label, DeferredFragment parent) {
}
