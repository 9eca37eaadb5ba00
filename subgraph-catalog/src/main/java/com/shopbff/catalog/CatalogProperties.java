package com.shopbff.catalog;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.List;

/**
 * Settings under {@code shop.catalog} (documented in subgraph-catalog/README.md).
 *
 * @param seedDemo            create the demo catalog (categories, products, pickup points) when the catalog is empty
 * @param reservationTtl      how long a stock reservation may stay neither committed nor released before it expires
 * @param expirySweepInterval how often expired reservations are looked for
 * @param outboxSweepInterval how often outbox messages whose send failed are retried
 * @param outboxFullSweepInterval how often every outbox is scanned for messages a crash left behind (also at start)
 * @param priceBands          lower bounds of the search facets' price bands after the first (which starts at 0),
 *                            ascending decimal amounts
 * @param searchReplicaWait   how long an administrator's product write waits, at most, until the search index of every
 *                            other live catalog instance shows it (read-your-writes across instances; 0 = not at all)
 */
@ConfigurationProperties("shop.catalog")
public record CatalogProperties(
        @DefaultValue("false") boolean seedDemo,
        @DefaultValue("15m") Duration reservationTtl,
        @DefaultValue("10s") Duration expirySweepInterval,
        @DefaultValue("5s") Duration outboxSweepInterval,
        @DefaultValue("5m") Duration outboxFullSweepInterval,
        @DefaultValue({"5.00", "10.00", "20.00", "50.00"}) List<String> priceBands,
        @DefaultValue("2s") Duration searchReplicaWait) {
}
