package com.shopbff.stack.logging;

import org.springframework.boot.logging.LoggingInitializationContext;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Sets up logging for the whole one-JVM stack before any subgraph starts. Spring Boot initialises its logging system
 * once per process and skips it while it is initialised; left to the subgraphs, which start two at a time, two
 * contexts initialised it at once (every line printed twice) and the first one's {@code spring.application.name}
 * labelled every line. The subgraphs also get {@link #CONFIG_ARG}, so a subgraph restarted after another one
 * closed (Boot then marks logging uninitialised) sets up the same configuration.
 */
public final class StackLogging {
    private static String config;

    private StackLogging() {
    }

    /**
     * Initialises logging from {@code LOG_FORMAT} ({@code text}, the default, or {@code json}); idempotent.
     *
     * @return the Spring arguments that make an in-process subgraph use the same configuration
     */
    public static synchronized String[] initialize(Map<String, String> env) {
        if (config == null) {
            String format = env.getOrDefault("LOG_FORMAT", "text").trim().toLowerCase(Locale.ROOT);
            config = switch (format) {
                case "", "text" -> "classpath:com/shopbff/stack/logging/logback-text.xml";
                case "json" -> "classpath:com/shopbff/stack/logging/logback-json.xml";
                default -> throw new IllegalArgumentException("LOG_FORMAT must be text or json, not '" + format + "'");
            };
            StandardEnvironment environment = new StandardEnvironment();
            Map<String, Object> props = new HashMap<>();
            props.put("logging.structured.json.customizer", ServiceNameJsonMember.class.getName());
            environment.getPropertySources().addLast(new MapPropertySource("localStackLogging", props));
            LoggingSystem system = LoggingSystem.get(StackLogging.class.getClassLoader());
            system.beforeInitialize();
            system.initialize(new LoggingInitializationContext(environment), config, null);
        }
        return new String[]{"--logging.config=" + config,
                "--logging.structured.json.customizer=" + ServiceNameJsonMember.class.getName()};
    }
}
