package com.shopbff.support.telemetry;

import com.shopbff.telemetry.ServiceTelemetry;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The subgraph's OpenTelemetry SDK, built like the router's from the standard {@code OTEL_*} variables
 * ({@link ServiceTelemetry}: no export until configured), in place of the one Spring Boot would build from
 * {@code management.opentelemetry.*}. Micrometer Tracing's OpenTelemetry bridge (Spring Boot's auto-configuration)
 * traces HTTP requests, GraphQL operations and, with Spring Kafka's observation switched on in
 * {@code shop-subgraph-defaults.properties}, Kafka sends and listeners, W3C {@code traceparent} in record headers.
 */
@Configuration(proxyBeanMethods = false)
public class TracingConfiguration {

    @Bean(destroyMethod = "close")
    OpenTelemetrySdk shopOpenTelemetry(@Value("${spring.application.name}") String serviceName) {
        return ServiceTelemetry.create(serviceName).sdk();
    }

    /** The SDK's tracer provider (Spring Boot builds none of its own then); closed with the SDK. */
    @Bean(destroyMethod = "")
    SdkTracerProvider shopSdkTracerProvider(OpenTelemetrySdk sdk) {
        return sdk.getSdkTracerProvider();
    }

    /** The propagators {@code OTEL_PROPAGATORS} chose (W3C trace context and baggage by default). */
    @Bean
    ContextPropagators shopContextPropagators(OpenTelemetrySdk sdk) {
        return sdk.getPropagators();
    }
}
