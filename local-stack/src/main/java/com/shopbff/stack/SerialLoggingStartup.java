package com.shopbff.stack;

import org.springframework.boot.context.event.ApplicationContextInitializedEvent;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.event.ApplicationStartingEvent;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;

import java.util.concurrent.locks.ReentrantLock;

/**
 * Lets one subgraph at a time through Spring Boot's logging initialisation when the stack starts them in parallel.
 * Spring Boot's logging system keeps its settings in JVM-wide system properties; two applications initialising it at
 * the same moment in one JVM can read each other's half-written settings and fail to start ("Unknown format
 * 'CONSOLE_LOG_STRUCTURED_FORMAT_IS_UNDEFINED'", spring-boot issue 43516). The phase guarded (from the start of
 * {@code run} to the context's initialisation) is short; the rest of the start-up still runs in parallel.
 */
final class SerialLoggingStartup implements ApplicationListener<ApplicationEvent>, Ordered {
    private static final ReentrantLock LOGGING_INIT = new ReentrantLock();

    @Override
    public void onApplicationEvent(ApplicationEvent event) {
        if (event instanceof ApplicationStartingEvent) {
            LOGGING_INIT.lock();
        } else if ((event instanceof ApplicationContextInitializedEvent || event instanceof ApplicationFailedEvent)
                && LOGGING_INIT.isHeldByCurrentThread()) {
            LOGGING_INIT.unlock();
        }
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
