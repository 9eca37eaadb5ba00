package com.shopbff.wallet.privacy;

import com.shopbff.support.messaging.MessagePublisher;
import com.shopbff.support.privacy.PrivacyReplies;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class PrivacyConfiguration {
    @Bean
    PrivacyReplies privacyReplies(MessagePublisher publisher) {
        return new PrivacyReplies(publisher, "wallet");
    }
}
