package com.shopbff.embedded;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The embedded MongoDB-wire server as its own process, for {@code scripts/cluster.sh}:
 * {@code MongoServerMain --port N (--data FILE | --in-memory)}. Prints {@code ready mongodb://127.0.0.1:N} once it
 * accepts connections; SIGTERM closes it (the file-backed store is flushed).
 */
public final class MongoServerMain {
    private MongoServerMain() {}

    public static void main(String[] args) throws InterruptedException {
        int port = 27017;
        Path data = null;
        boolean inMemory = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--data" -> data = Path.of(args[++i]);
                case "--in-memory" -> inMemory = true;
                default -> {
                    System.err.println("usage: MongoServerMain --port N (--data FILE | --in-memory); unknown: " + args[i]);
                    System.exit(2);
                }
            }
        }
        if (inMemory == (data != null)) {
            System.err.println("give either --data FILE or --in-memory");
            System.exit(2);
        }
        EmbeddedMongo mongo = inMemory ? EmbeddedMongo.inMemory(port) : EmbeddedMongo.fileBacked(data, port);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            mongo.close();
            stopped.countDown();
        }, "mongo-stop"));
        System.out.println("ready " + mongo.connectionString());
        stopped.await();
    }
}
