package com.shopbff.stack.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import org.springframework.boot.json.JsonWriter;
import org.springframework.boot.logging.structured.StructuredLoggingJsonMembersCustomizer;

/**
 * Adds {@code service.name} to every JSON line of the local stack: the stack's subgraphs share one logging system, so
 * the name comes from {@link ServiceLabel}, not from one application's {@code spring.application.name}.
 */
public class ServiceNameJsonMember implements StructuredLoggingJsonMembersCustomizer<ILoggingEvent> {
    @Override
    public void customize(JsonWriter.Members<ILoggingEvent> members) {
        members.add("service").usingMembers(service -> service.add("name", e -> ServiceLabel.of(e.getLoggerName())));
    }
}
