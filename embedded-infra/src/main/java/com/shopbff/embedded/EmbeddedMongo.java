package com.shopbff.embedded;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A MongoDB-wire-protocol server inside the JVM (de.bwaldvogel mongo-java-server), reached by the real
 * mongodb-driver over TCP on loopback. File-backed (H2 MVStore) for the local stack so data survives a restart;
 * in memory for tests. It has no multi-document transactions, no secondary indexes and no {@code $text}: the code
 * must not rely on them (see README, "MongoDB features").
 */
public final class EmbeddedMongo implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedMongo.class);

    private final MongoServer server;
    private final MongoBackend backend;
    private final String connectionString;

    private EmbeddedMongo(MongoBackend backend, String host, int port) {
        this.backend = backend;
        // No oplog: nothing here uses change streams, and the stock server keeps every write in it, in memory, forever.
        this.server = new MongoServer(backend);
        server.bind(host, port);
        var address = server.getLocalAddress();
        this.connectionString = "mongodb://" + address.getHostString() + ":" + address.getPort();
    }

    /** A server whose data lives in {@code dataFile} (created when missing). Port 0 picks a free port. */
    public static EmbeddedMongo fileBacked(Path dataFile, int port) {
        try {
            Files.createDirectories(dataFile.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        EmbeddedMongo mongo = new EmbeddedMongo(new EmbeddedBackends.H2(dataFile.toAbsolutePath().toString()), "127.0.0.1", port);
        log.info("embedded MongoDB-wire server at {} (data in {})", mongo.connectionString, dataFile);
        return mongo;
    }

    /** A server that keeps everything in memory, for tests. Port 0 picks a free port. */
    public static EmbeddedMongo inMemory(int port) {
        EmbeddedMongo mongo = new EmbeddedMongo(new EmbeddedBackends.Memory(), "127.0.0.1", port);
        log.info("embedded in-memory MongoDB-wire server at {}", mongo.connectionString);
        return mongo;
    }

    /** {@code mongodb://127.0.0.1:PORT} — give it to the real driver. */
    public String connectionString() {
        return connectionString;
    }

    public int port() {
        return server.getLocalAddress().getPort();
    }

    @Override
    public void close() {
        server.shutdownNow();
        backend.close();
    }
}
