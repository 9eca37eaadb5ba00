package com.shopbff.support;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.ResourcePropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Adds {@code shop-subgraph-defaults.properties} as the lowest-precedence property source of every subgraph, so a
 * subgraph's own {@code <name>.yml}, the environment and the command line all override it.
 */
public class SubgraphDefaultsPostProcessor implements EnvironmentPostProcessor {
    static final String NAME = "shopSubgraphDefaults";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.getPropertySources().contains(NAME)) return;
        try {
            environment.getPropertySources().addLast(new ResourcePropertySource(NAME, new ClassPathResource("shop-subgraph-defaults.properties")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
