package com.shopbff.wallet.config;

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
import org.springframework.scheduling.annotation.EnableScheduling;

@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(WalletProperties.class)
public class WalletConfiguration {

    @Bean
    OutboxRelay walletOutboxRelay(MongoTemplate mongo, MessagePublisher publisher) {
        return new OutboxRelay(mongo, publisher, WalletRepository.COLLECTION);
    }

    @Bean
    @ConditionalOnMissingBean(PaymentProvider.class)
    PaymentProvider sandboxPaymentProvider(WalletProperties properties) {
        return new SandboxPaymentProvider(properties.sandbox());
    }
}
