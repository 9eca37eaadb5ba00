package com.shopbff.orders;

import com.shopbff.orders.generated.types.DeliveryMethod;
import com.shopbff.orders.generated.types.OrderStatus;
import com.shopbff.orders.order.OrderDocument;
import com.shopbff.orders.order.OrderStore;
import com.shopbff.orders.checkout.CheckoutSaga;
import com.shopbff.support.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Faults around the saga: a process dying between its write and its send, a participant down mid-saga. */
class SagaFaultTest extends OrdersIntegrationTest {
    @Autowired
    OrderStore store;
    @Autowired
    CheckoutSaga saga;

    @Test
    void anOrderWrittenButNeverRelayedIsSentByTheSweepAndCompletes() {
        String customer = fresh("c");
        participants.balances.put(customer, 5_000L);
        String tea = product("Crash tea", 300, 10);
        String id = UUID.randomUUID().toString();
        // What a crash right after the insert leaves behind: the order with ReserveStock still in its outbox.
        store.insert(saga.pending(new OrderDocument(id, "SO-2026-999999", customer, "k", null, 0,
                List.of(new OrderDocument.Line(tea, "Crash tea", 1, 300)), 300, 250, 0, 550, "USD",
                new OrderDocument.Delivery(DeliveryMethod.ADDRESS, new OrderDocument.DeliveryAddress("1 A St", null, "Leeds", "LS1", "GB"), null, null),
                null, null, null, List.of(), null, false, null, OrderDocument.StockHold.NONE, null, null, null, false, List.of(), null, null)));
        awaitStatus(TestTokens.customer(customer), id, "CONFIRMED");
        assertThat(participants.balances.get(customer)).isEqualTo(4_450L);
        assertThat(participants.stock.get(tea)).isEqualTo(9);
    }

    @Test
    void theWalletDownMidSagaThenBackLosesAndDuplicatesNothing() {
        String customer = fresh("c"), token = TestTokens.customer(customer);
        participants.balances.put(customer, 10_000L);
        String tea = product("Fault tea", 1000, 100);
        String before = placeOrder(customer, tea, 1, ADDRESS);
        awaitStatus(token, before, "CONFIRMED");

        participants.stopWalletFor(customer);
        List<String> during = new ArrayList<>();
        for (int i = 0; i < 3; i++) during.add(placeOrder(customer, tea, 1, ADDRESS));
        // Without the wallet every order times out in RESERVED and is compensated.
        for (String id : during) awaitStatus(token, id, "FAILED");
        participants.resumeWallet(customer);

        // The wallet works through its backlog: each late debit is followed by the refund queued behind it.
        await().atMost(SAGA).until(() -> participants.balances.get(customer) == 10_000L - 1_250L);
        await().atMost(SAGA).until(() -> participants.stock.get(tea) == 99);
        for (String id : during) {
            OrderDocument o = store.find(id).orElseThrow();
            assertThat(o.status()).isEqualTo(OrderStatus.FAILED);
            assertThat(o.charged()).isFalse();
        }
        String after = placeOrder(customer, tea, 1, ADDRESS);
        awaitStatus(token, after, "CONFIRMED");
        assertThat(participants.balances.get(customer)).isEqualTo(10_000L - 2_500L);
        assertThat(participants.stock.get(tea)).isEqualTo(98);
    }
}
