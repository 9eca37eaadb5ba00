package com.shopbff.stack.logging;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/** {@code %service} in the local stack's log pattern: the service a line belongs to ({@link ServiceLabel}). */
public class ServiceLabelConverter extends ClassicConverter {
    @Override
    public String convert(ILoggingEvent event) {
        return ServiceLabel.of(event.getLoggerName());
    }
}
