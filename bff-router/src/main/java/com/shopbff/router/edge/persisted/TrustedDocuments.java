package com.shopbff.router.edge.persisted;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

/**
 * The trusted-documents manifest of a file, reloaded when the file changes: {@link #reloadIfChanged()} is called
 * periodically (the router schedules it off the event loop). A manifest that fails to parse on reload is reported
 * and the previous one stays in force; a manifest that fails at start stops the start.
 */
public final class TrustedDocuments {
    private final Path file;
    private volatile Manifest manifest;
    private FileTime modified;
    private long size;

    private TrustedDocuments(Path file, Manifest manifest) {
        this.file = file;
        this.manifest = manifest;
    }

    /** No manifest. */
    public static TrustedDocuments none() {
        return new TrustedDocuments(null, Manifest.EMPTY);
    }

    /**
     * Loads a manifest file.
     *
     * @throws IllegalArgumentException when it cannot be read or parsed
     */
    public static TrustedDocuments load(Path file) {
        TrustedDocuments t = new TrustedDocuments(file, Manifest.EMPTY);
        try {
            t.read();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the trusted documents manifest " + file + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("trusted documents manifest " + file + ": " + e.getMessage());
        }
        return t;
    }

    public Manifest manifest() {
        return manifest;
    }

    public Path file() {
        return file;
    }

    /**
     * Rereads the file when its modification time or size changed.
     *
     * @return true when a new manifest is in force
     */
    public synchronized boolean reloadIfChanged() {
        if (file == null) return false;
        try {
            FileTime m = Files.getLastModifiedTime(file);
            long s = Files.size(file);
            if (m.equals(modified) && s == size) return false;
            int before = manifest.size();
            read();
            System.err.printf("bff-router: trusted documents manifest %s reloaded (%d operations, was %d)%n", file,
                    manifest.size(), before);
            return true;
        } catch (IOException | IllegalArgumentException e) {
            System.err.printf("bff-router: trusted documents manifest %s not reloaded, the previous one stays: %s%n",
                    file, e.getMessage());
            try {
                modified = Files.getLastModifiedTime(file); // report a broken file once, not every poll
                size = Files.size(file);
            } catch (IOException ignored) {
                // the file went away: keep the manifest, try again next time
            }
            return false;
        }
    }

    private void read() throws IOException {
        FileTime m = Files.getLastModifiedTime(file);
        long s = Files.size(file);
        Manifest parsed = Manifest.parse(Files.readAllBytes(file));
        manifest = parsed;
        modified = m;
        size = s;
    }
}
