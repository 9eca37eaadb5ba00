package com.shopbff.support.testing.mongo;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.context.annotation.Bean;

/** Adds {@link QueryShapeRecorder} to the MongoClient of every application context started in a test JVM. */
@AutoConfiguration
public class QueryShapeRecordingAutoConfiguration {
    @Bean
    MongoClientSettingsBuilderCustomizer queryShapeRecording() {
        return settings -> settings.addCommandListener(QueryShapeRecorder.INSTANCE);
    }
}
