package com.shopbff.router.telemetry;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

import java.net.URL;
import java.util.Locale;
import java.util.Map;

/**
 * The standalone router's log configuration: {@code LOG_FORMAT=text} (the default) or {@code json} (Elastic Common
 * Schema, one object per line). A Logback configuration named by {@code -Dlogback.configurationFile} wins. Not used
 * when the router runs inside another application, which owns logging.
 */
public final class RouterLogging {
    private RouterLogging() {
    }

    /** Configures Logback from {@code LOG_FORMAT}; throws IllegalArgumentException for an unknown format. */
    public static void configure(Map<String, String> env) {
        String format = env.getOrDefault("LOG_FORMAT", "text").trim().toLowerCase(Locale.ROOT);
        String resource = switch (format) {
            case "", "text" -> "logback-text.xml";
            case "json" -> "logback-json.xml";
            default -> throw new IllegalArgumentException("LOG_FORMAT must be text or json, not '" + format + "'");
        };
        if (System.getProperty("logback.configurationFile") != null) return;
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (!(factory instanceof LoggerContext context)) return;
        URL url = RouterLogging.class.getResource(resource);
        context.reset();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        try {
            configurator.doConfigure(url);
        } catch (JoranException e) {
            throw new IllegalStateException("cannot configure logging from " + url + ": " + e.getMessage(), e);
        }
    }
}
