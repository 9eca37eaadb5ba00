package com.shopbff.support.auth;

import com.shopbff.revocation.RevocationFeed;
import com.shopbff.revocation.RevocationList;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.Map;

/**
 * The revocation list every token verifier of the subgraph consults, and the feed that keeps it current from Kafka.
 * Metrics: {@code shop_security_revocations_held} (entries in memory), {@code shop_security_revocations_read_total}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RevocationProperties.class)
public class RevocationConfiguration {
    private static final Logger log = LoggerFactory.getLogger(RevocationConfiguration.class);

    @Bean
    RevocationList revocationList(RevocationProperties properties) {
        return new RevocationList(properties.keep());
    }

    @Bean(destroyMethod = "close")
    RevocationFeedHandle revocationFeed(RevocationList list, RevocationProperties properties,
                                        @Value("${spring.kafka.bootstrap-servers}") String bootstrapServers, MeterRegistry meters)
            throws InterruptedException {
        Gauge.builder("shop.security.revocations.held", list, RevocationList::size).register(meters);
        if (!properties.enabled()) {
            log.warn("access-token revocation is off (shop.security.revocation.enabled=false): signed-out tokens stay valid until they expire");
            return new RevocationFeedHandle(null);
        }
        RevocationFeed feed = RevocationFeed.start(new RevocationFeed.Settings(bootstrapServers, properties.topic(), Map.of()), list);
        meters.more().counter("shop.security.revocations.read", java.util.List.of(), feed, RevocationFeed::applied);
        if (!feed.awaitCaughtUp(properties.startupWait())) {
            log.warn("revocation feed on {} has not caught up within {}; starting anyway, it goes on in the background",
                    properties.topic(), properties.startupWait());
        }
        return new RevocationFeedHandle(feed);
    }

    /** The running feed (or none when revocation is off), closed with the application context. */
    public record RevocationFeedHandle(RevocationFeed feed) implements AutoCloseable {
        @Override
        public void close() {
            if (feed != null) feed.close();
        }
    }
}
