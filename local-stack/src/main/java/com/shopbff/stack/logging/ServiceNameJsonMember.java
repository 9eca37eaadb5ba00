package com.shopbff.stack.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import org.springframework.boot.json.JsonWriter;
import org.springframework.boot.logging.structured.StructuredLoggingJsonMembersCustomizer;

/**
 * Adds {@code labels.service} (an ECS custom label) to every JSON line of the local stack: the stack's services share
 * one logging system, so the service a line belongs to comes from {@link ServiceLabel}; the ECS {@code service} object
 * the formatter writes itself names no single service here.
 */
public class ServiceNameJsonMember implements StructuredLoggingJsonMembersCustomizer<ILoggingEvent> {
    @Override
    public void customize(JsonWriter.Members<ILoggingEvent> members) {
        members.add("labels").usingMembers(labels -> labels.add("service", e -> ServiceLabel.of(e.getLoggerName())));
    }
}
