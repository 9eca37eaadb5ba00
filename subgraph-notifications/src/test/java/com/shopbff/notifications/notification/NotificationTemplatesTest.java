package com.shopbff.notifications.notification;

import com.shopbff.contracts.CatalogEvent;
import com.shopbff.contracts.CustomerEvent;
import com.shopbff.contracts.OrderEvent.OrderStatusChanged;
import com.shopbff.contracts.WalletEvent;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class NotificationTemplatesTest {

    private static OrderStatusChanged order(String status, String reason) {
        return new OrderStatusChanged("o1", "SO-1001", "c1", status, "PAID", Instant.now(), reason, 123456, "EUR", 4);
    }

    @Test
    void orderNotificationsCarryTheOrderNumberTotalAndOrderId() {
        NotificationDraft d = NotificationTemplates.render(order("CANCELLED", "out of stock")).orElseThrow();
        assertThat(d.kind()).isEqualTo("ORDER_CANCELLED");
        assertThat(d.customerId()).isEqualTo("c1");
        assertThat(d.orderId()).isEqualTo("o1");
        assertThat(d.title()).isEqualTo("Order SO-1001 was cancelled");
        assertThat(d.body()).contains("1234.56 EUR").contains("Reason: out of stock.");
    }

    @Test
    void sagaStepsAreSilentAndEveryOtherStatusHasAKnownKind() {
        for (String silent : List.of("PENDING", "RESERVED", "PAID")) {
            assertThat(NotificationTemplates.render(order(silent, null))).as(silent).isEmpty();
        }
        for (String status : List.of("CONFIRMED", "ASSEMBLING", "OUT_FOR_DELIVERY", "READY_FOR_PICKUP", "DELIVERED", "PICKED_UP", "CANCELLED", "FAILED")) {
            NotificationDraft d = NotificationTemplates.render(order(status, null)).orElseThrow();
            assertThat(d.kind()).isEqualTo("ORDER_" + status);
            assertThat(NotificationTemplates.KINDS).contains(d.kind());
            assertThat(d.title()).contains("SO-1001");
        }
        NotificationDraft future = NotificationTemplates.render(order("RETURNED", null)).orElseThrow();
        assertThat(future.kind()).isEqualTo(NotificationTemplates.ORDER_STATUS_CHANGED);
        assertThat(future.title()).contains("RETURNED");
    }

    @Test
    void walletNotificationsFormatAmountsAndBalances() {
        NotificationDraft charged = NotificationTemplates.render(new WalletEvent.WalletCharged("c1", "o1", 1750, 250, "USD")).orElseThrow();
        assertThat(charged.kind()).isEqualTo("WALLET_CHARGED");
        assertThat(charged.title()).isEqualTo("Payment of 17.50 USD");
        assertThat(charged.body()).contains("2.50 USD");
        assertThat(charged.orderId()).isEqualTo("o1");
        NotificationDraft refunded = NotificationTemplates.render(new WalletEvent.WalletCredited("c1", "o1", 5, 2000, "USD")).orElseThrow();
        assertThat(refunded.kind()).isEqualTo("WALLET_REFUNDED");
        assertThat(refunded.title()).isEqualTo("Refund of 0.05 USD");
        assertThat(refunded.body()).contains("20.00 USD");
        NotificationDraft topUp = NotificationTemplates.render(new WalletEvent.WalletToppedUp("c1", 2000, 2000, "USD")).orElseThrow();
        assertThat(topUp.kind()).isEqualTo("WALLET_TOPPED_UP");
        assertThat(topUp.orderId()).isNull();
    }

    @Test
    void customerAndCatalogEvents() {
        assertThat(NotificationTemplates.render(new CustomerEvent.CustomerRegistered("c1", "a@example.com", null)).orElseThrow().title())
                .isEqualTo("Welcome!");
        assertThat(NotificationTemplates.render(new CustomerEvent.CustomerDeleted("c1"))).isEmpty();
        assertThat(NotificationTemplates.render(new CatalogEvent.StockChanged("p1", 3))).isEmpty();
    }
}
