package com.shopbff.wallet.config;

import com.shopbff.support.messaging.KafkaErrorHandlers;
import java.time.Duration;
import com.shopbff.support.messaging.MessagePublisher;
import com.shopbff.support.messaging.OutboxRelay;
import com.shopbff.wallet.payment.PaymentProvider;
import com.shopbff.wallet.payment.SandboxPaymentProvider;
import com.shopbff.wallet.wallet.WalletRepository;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.scheduling.annotation.EnableScheduling;

import java.util.concurrent.ThreadPoolExecutor;

@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(WalletProperties.class)
public class WalletConfiguration {

    /** Relays on two threads of its own: a Kafka listener or request thread never waits for the broker. */
    @Bean(destroyMethod = "shutdown")
    ThreadPoolExecutor walletRelayExecutor() {
        return OutboxRelay.newExecutor("wallet-outbox-relay", 2);
    }

    @Bean
    OutboxRelay walletOutboxRelay(MongoTemplate mongo, MessagePublisher publisher, ThreadPoolExecutor walletRelayExecutor) {
        return new OutboxRelay(mongo, publisher, WalletRepository.COLLECTION, walletRelayExecutor);
    }

    /**
     * A command that fails on a transient fault (database unreachable) is retried for two minutes with growing pauses
     * before it is given up (logged); the saga's own timeout compensates an order whose command was given up.
     */
    @Bean
    DefaultErrorHandler walletKafkaErrorHandler() {
        return KafkaErrorHandlers.retryingFor(Duration.ofMinutes(2));
    }

    @Bean
    @ConditionalOnMissingBean(java.time.Clock.class)
    java.time.Clock walletClock() {
        return java.time.Clock.systemUTC();
    }

    @Bean
    @ConditionalOnMissingBean(PaymentProvider.class)
    PaymentProvider sandboxPaymentProvider(WalletProperties properties) {
        return new SandboxPaymentProvider(properties.sandbox());
    }
}
