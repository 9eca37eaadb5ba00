package com.shopbff.support;

import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * Builds a subgraph's {@link SpringApplicationBuilder} so that several subgraphs can run in one JVM (the local
 * stack) without reading each other's configuration: each reads {@code <configName>.yml} instead of
 * application.yml. Run it with {@code --key=value} arguments to override settings.
 */
public final class SubgraphApplications {
    private SubgraphApplications() {}

    public static SpringApplicationBuilder builder(Class<?> application, String configName) {
        return new SpringApplicationBuilder(application).properties("spring.config.name=" + configName);
    }
}
