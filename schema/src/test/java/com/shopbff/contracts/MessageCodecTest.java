package com.shopbff.contracts;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MessageCodecTest {

    @Test
    void everyMessageTypeSurvivesAJsonRoundTrip() {
        List<Message> samples = List.of(
                new CustomerEvent.CustomerRegistered("c1", "a@example.com", "Alice"),
                new CustomerEvent.CustomerDeleted("c1"),
                new CustomerEvent.EmailVerified("c1", "a@example.com"),
                new CustomerEvent.AccountEmailRequested("c1", CustomerEvent.AccountEmailKind.PASSWORD_RESET, "a@example.com", "Alice",
                        "https://shop.example/reset-password?token=t", Instant.parse("2026-01-01T01:00:00Z")),
                new CustomerEvent.DataExportRequested("c1", "x1", 1),
                new SessionEvent.AccessRevoked("c1", "fam1", Instant.parse("2026-01-01T00:00:00.250Z"), "SIGNED_OUT"),
                new PrivacyReply.DataExportPart("c1", "x1", "orders", 0, 2, "[{\"id\":"),
                new PrivacyReply.ErasureCompleted("c1", "wallet", "wallet closed"),
                new CustomerEvent.AddressBookChanged("c1", List.of(new CustomerEvent.Address("a1", "1 Tea St", null, "Leeds", "LS1", "GB"))),
                new CatalogEvent.ProductChanged("p1", "Tea", 750, "USD", true, 3),
                new CatalogEvent.StockChanged("p1", 2),
                new CatalogEvent.PickupPointChanged("pp1", "North", "1 Dock Rd", null, "Leeds", "LS2", "GB", true),
                new CatalogCommand.ReserveStock("o1", List.of(new CatalogCommand.Line("p1", 2))),
                new CatalogCommand.ReleaseStock("o1"),
                new CatalogCommand.CommitStock("o1"),
                new CatalogCommand.ReturnStock("o1"),
                new WalletCommand.DebitWallet("o1", "c1", 1750, "USD"),
                new WalletCommand.RefundWallet("o1", "c1"),
                new SagaReply.StockReserved("o1"),
                new SagaReply.StockRejected("o1", List.of(new SagaReply.Shortage("p1", 5, 1))),
                new SagaReply.WalletDebited("o1", "c1", 1750, "USD"),
                new SagaReply.PaymentDeclined("o1", "c1", SagaReply.DeclineReason.INSUFFICIENT_FUNDS),
                new SagaReply.WalletRefunded("o1", "c1", 1750, "USD"),
                new WalletEvent.WalletToppedUp("c1", 2000, 2000, "USD"),
                new WalletEvent.WalletCharged("c1", "o1", 1750, 250, "USD"),
                new WalletEvent.WalletCredited("c1", "o1", 1750, 2000, "USD"),
                new OrderEvent.OrderStatusChanged("o1", "SO-1", "c1", "PAID", "RESERVED", Instant.parse("2026-01-01T00:00:00Z"),
                        null, 1750, "USD", 3),
                new NotificationEvent.NotificationCreated("n1", "c1", "ORDER_PAID", "Order SO-1 is paid", "We received 17.50 USD.", "o1",
                        Instant.parse("2026-01-01T00:00:00Z")));
        assertThat(samples).extracting(MessageTypes::typeOf).containsExactlyInAnyOrderElementsOf(MessageTypes.all().keySet());
        for (Message m : samples) {
            Envelope<Message> sent = Envelope.of(m);
            Envelope<Message> received = MessageCodec.decode(MessageCodec.encode(sent));
            assertThat(received).isEqualTo(sent);
            assertThat(received.key()).isEqualTo(m.key());
        }
    }

    @Test
    void aCustomerRegisteredWrittenBeforeVerificationExistedDecodesWithoutAVerificationState() {
        String json = """
                {"eventId":"6f1c1a3e-1f7a-4c55-9a3a-2f1d8c7b9e11","type":"CustomerRegistered","occurredAt":"2026-01-01T00:00:00Z",
                 "key":"c1","payload":{"customerId":"c1","email":"a@example.com","name":"Alice"}}""";
        assertThat(MessageCodec.decode(json).payload()).isEqualTo(new CustomerEvent.CustomerRegistered("c1", "a@example.com", "Alice", null));
    }

    @Test
    void anUnknownTypeIsReportedAsSuch() {
        String json = """
                {"eventId":"6f1c1a3e-1f7a-4c55-9a3a-2f1d8c7b9e10","type":"Nope","occurredAt":"2026-01-01T00:00:00Z","key":"k","payload":{}}""";
        assertThatThrownBy(() -> MessageCodec.decode(json)).isInstanceOf(MessageCodec.UnknownMessageException.class);
    }

    @Test
    void malformedJsonIsAnIllegalArgument() {
        assertThatThrownBy(() -> MessageCodec.decode("{not json")).isInstanceOf(IllegalArgumentException.class);
    }
}
