package com.shopbff.stack.logging;

import java.util.concurrent.Callable;

/**
 * Which service of the one-JVM stack a log line belongs to. Each part of the stack starts with its label set on the
 * starting thread; every thread that part creates (web server, Kafka listeners, driver pools, schedulers) inherits
 * it. A line from a service's own package is labelled by the package even on a thread another part created.
 */
public final class ServiceLabel {
    /** The label of lines that belong to no service (the launcher itself). */
    public static final String STACK = "local-stack";

    private static final InheritableThreadLocal<String> CURRENT = new InheritableThreadLocal<>();

    /** Package prefix to service name, for code that only one service runs. */
    private static final String[][] PACKAGES = {
            {"com.shopbff.router.", "bff-router"},
            {"com.shopbff.customer.", "subgraph-customer"},
            {"com.shopbff.catalog.", "subgraph-catalog"},
            {"com.shopbff.orders.", "subgraph-orders"},
            {"com.shopbff.wallet.", "subgraph-wallet"},
            {"com.shopbff.notifications.", "subgraph-notifications"},
    };

    private ServiceLabel() {
    }

    /** Runs {@code work} with {@code service} as this thread's label (inherited by threads it creates). */
    public static <T> T callAs(String service, Callable<T> work) throws Exception {
        String before = CURRENT.get();
        CURRENT.set(service);
        try {
            return work.call();
        } finally {
            if (before == null) CURRENT.remove();
            else CURRENT.set(before);
        }
    }

    /** Like {@link #callAs} for work that throws no checked exception. */
    public static void runAs(String service, Runnable work) {
        try {
            callAs(service, () -> {
                work.run();
                return null;
            });
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The label of a line logged by {@code loggerName} on the current thread. */
    public static String of(String loggerName) {
        if (loggerName != null && loggerName.startsWith("com.shopbff.")) {
            for (String[] p : PACKAGES) {
                if (loggerName.startsWith(p[0])) return p[1];
            }
        }
        String current = CURRENT.get();
        return current != null ? current : STACK;
    }
}
