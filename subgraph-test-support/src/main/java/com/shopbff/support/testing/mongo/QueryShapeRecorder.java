package com.shopbff.support.testing.mongo;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Records the shape of every query the application code sends to MongoDB in this test JVM, with where in the code it
 * comes from. Registered on every subgraph's MongoClient by {@link QueryShapeRecordingAutoConfiguration} (only on test
 * class paths: this module is a test dependency). The listener runs on the thread that sends the command, so the
 * call site is the first {@code com.shopbff} frame on that thread's stack; a query whose call site is a test class
 * (a test reading the database to check something), or that has no frame of ours at all, is not the application's
 * and is not recorded.
 */
public final class QueryShapeRecorder implements CommandListener {
    /** The recorder of this JVM: every subgraph context of the test run adds to it. */
    public static final QueryShapeRecorder INSTANCE = new QueryShapeRecorder();

    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);
    private static final Set<String> COMMANDS = Set.of("find", "count", "distinct", "aggregate", "findAndModify", "update", "delete");

    /** A recorded shape: how often it ran and from where. */
    public record Recorded(QueryShape shape, Set<String> callSites, AtomicLong count) {}

    private final Map<String, Recorded> shapes = new ConcurrentHashMap<>();
    private final Map<Class<?>, Boolean> testClasses = new ConcurrentHashMap<>();

    private QueryShapeRecorder() {}

    @Override
    public void commandStarted(CommandStartedEvent event) {
        if (!COMMANDS.contains(event.getCommandName())) return;
        String site = callSite();
        if (site == null) return;
        for (QueryShape shape : QueryShape.of(event.getCommandName(), event.getCommand())) {
            Recorded r = shapes.computeIfAbsent(shape.collection() + " " + shape.text(),
                    k -> new Recorded(shape, ConcurrentHashMap.newKeySet(), new AtomicLong()));
            r.count().incrementAndGet();
            if (r.callSites().size() < 8) r.callSites().add(site);
        }
    }

    public Collection<Recorded> recorded() {
        return List.copyOf(shapes.values());
    }

    /** The application class and method that sent the command, or null when a test sent it. */
    private String callSite() {
        return WALKER.walk(frames -> frames
                .filter(f -> f.getClassName().startsWith("com.shopbff.") && !f.getClassName().startsWith("com.shopbff.support.testing."))
                .findFirst()
                .map(f -> isTestClass(f.getDeclaringClass()) ? null : f.getDeclaringClass().getSimpleName() + "." + f.getMethodName())
                .orElse(null)); // no frame of ours: the test framework or a test helper sent it
    }

    private boolean isTestClass(Class<?> c) {
        return testClasses.computeIfAbsent(c, k -> {
            var source = k.getProtectionDomain().getCodeSource();
            return source != null && source.getLocation() != null && source.getLocation().getPath().contains("/test-classes/");
        });
    }
}
