package com.shopbff.router.edge.persisted;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Persisted operations: Automatic Persisted Queries and trusted documents.
 *
 * @param apq             Apollo's APQ protocol (hash-only requests, registration by hash + text); default on, always
 *                        off while trusted documents are enforced (registration would let any operation in)
 * @param apqCacheBytes   bound of the APQ cache, in characters of stored query text; least recently used texts
 *                        leave first; default 16 MiB
 * @param manifest        trusted documents manifest (Apollo persisted-query list or GraphQL Codegen client preset
 *                        {@code persisted-documents.json}); null = none
 * @param mode            what happens to an operation that is not in the manifest
 * @param requireId       in {@link Mode#ENFORCE}, refuse query text even when it is in the manifest (clients must send
 *                        the id); default false
 * @param reloadInterval  how often the manifest file is checked for changes (reloaded without restart); default 5 s
 */
public record PersistedConfig(boolean apq, long apqCacheBytes, Path manifest, Mode mode, boolean requireId,
                              Duration reloadInterval) {
    /** Trusted-documents mode. */
    public enum Mode {
        /** The manifest only resolves ids; any operation runs. */
        OFF,
        /** Operations outside the manifest run and are logged (each distinct one once). */
        LOG,
        /** Operations outside the manifest are refused. */
        ENFORCE
    }

    public static final PersistedConfig DEFAULTS = new PersistedConfig(true, 16L << 20, null, Mode.OFF, false,
            Duration.ofSeconds(5));

    public PersistedConfig {
        if (apqCacheBytes < 0) throw new IllegalArgumentException("APQ cache size must be >= 0");
        mode = mode == null ? Mode.OFF : mode;
        reloadInterval = reloadInterval == null ? Duration.ofSeconds(5) : reloadInterval;
        if (mode != Mode.OFF && manifest == null) {
            throw new IllegalArgumentException("trusted documents mode " + mode.name().toLowerCase()
                    + " needs a manifest file");
        }
    }

    public PersistedConfig withManifest(Path file, Mode m) {
        return new PersistedConfig(apq, apqCacheBytes, file, m, requireId, reloadInterval);
    }

    public PersistedConfig withApq(boolean on) {
        return new PersistedConfig(on, apqCacheBytes, manifest, mode, requireId, reloadInterval);
    }

    public PersistedConfig withRequireId(boolean on) {
        return new PersistedConfig(apq, apqCacheBytes, manifest, mode, on, reloadInterval);
    }
}
