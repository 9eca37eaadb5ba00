package com.shopbff.wallet.saga;

import com.shopbff.support.messaging.InboundMessages;
import com.shopbff.contracts.Envelope;
import com.shopbff.contracts.Message;
import com.shopbff.contracts.MessageCodec;
import com.shopbff.contracts.Topics;
import com.shopbff.contracts.WalletCommand;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Consumes {@code wallet.commands}. Idempotency rests on the business key alone (the operation id per order):
 * a persisted (consumer, eventId) guard would only stop the reply from being re-sent, and re-sending it is what a
 * saga that redelivers a command wants.
 */
@Component
public class WalletCommandListener {
    private static final Logger log = LoggerFactory.getLogger(WalletCommandListener.class);
    private final PaymentService payments;

    public WalletCommandListener(PaymentService payments) {
        this.payments = payments;
    }

    /** One consumer thread per partition (3 by default); commands are keyed by order id, wallets updated by compare-and-set. */
    @KafkaListener(topics = Topics.WALLET_COMMANDS, concurrency = "${shop.wallet.command-concurrency:3}")
    public void on(ConsumerRecord<String, byte[]> record) {
        Envelope<Message> envelope = InboundMessages.decode(record).orElse(null);
        if (envelope == null) return;
        switch (envelope.payload()) {
            case WalletCommand.DebitWallet debit -> payments.debit(debit);
            case WalletCommand.RefundWallet refund -> payments.refund(refund);
            default -> log.warn("ignoring {} on {}", envelope.type(), record.topic());
        }
    }
}
