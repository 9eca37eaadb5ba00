package com.shopbff.support;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.ResourcePropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Adds {@code shop-subgraph-defaults.properties} as the lowest-precedence property source of every subgraph, so a
 * subgraph's own {@code <name>.yml}, the environment and the command line all override it. {@code LOG_FORMAT=json}
 * turns on Spring Boot's structured console log in the Elastic Common Schema (one JSON object per line).
 */
public class SubgraphDefaultsPostProcessor implements EnvironmentPostProcessor {
    static final String NAME = "shopSubgraphDefaults";
    static final String LOG_FORMAT_NAME = "shopLogFormat";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.getPropertySources().contains(NAME)) return;
        if ("json".equalsIgnoreCase(environment.getProperty("LOG_FORMAT", "text").trim())) {
            environment.getPropertySources().addLast(new MapPropertySource(LOG_FORMAT_NAME,
                    Map.of("logging.structured.format.console", "ecs")));
        }
        try {
            environment.getPropertySources().addLast(new ResourcePropertySource(NAME, new ClassPathResource("shop-subgraph-defaults.properties")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
