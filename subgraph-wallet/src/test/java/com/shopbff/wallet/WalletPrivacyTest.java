package com.shopbff.wallet;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import com.shopbff.contracts.CustomerEvent;
import com.shopbff.contracts.Message;
import com.shopbff.contracts.PrivacyReply;
import com.shopbff.contracts.Topics;
import com.shopbff.contracts.WalletCommand;
import com.shopbff.embedded.SharedTestInfra;
import com.shopbff.support.messaging.MessagePublisher;
import com.shopbff.support.testing.TestTokens;
import com.shopbff.support.testing.TopicProbe;
import com.shopbff.wallet.wallet.WalletRepository;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The wallet's part of erasure and data export (decision 0020): what a closed wallet holds is paid out to the payment
 * method of record (the sandbox provider), also when a refund arrives after the close; a failed payout stays owed and
 * visible to ADMIN; the export carries the wallet and its ledger.
 */
class WalletPrivacyTest extends WalletIntegrationTest {
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final TopicProbe REPLIES = new TopicProbe(SharedTestInfra.kafka().bootstrapServers(), Topics.PRIVACY_REPLIES);
    private static final String CLOSED = """
            query($owing: Boolean) { closedWallets(first: 100, owing: $owing) { totalCount edges { node { customerId balance { amount }
              paidOut { amount } payoutStatus payoutAttempts lastPayoutError } } } }""";

    @Autowired MessagePublisher publisher;
    @Autowired WalletRepository wallets;

    @AfterAll
    static void close() {
        REPLIES.close();
    }

    private void send(Message m) {
        publisher.publishAndWait(m instanceof CustomerEvent ? Topics.CUSTOMER_EVENTS : Topics.WALLET_COMMANDS, m, 10_000);
    }

    private DocumentContext closedWallet(String customerId) throws Exception {
        List<Object> nodes = gql(TestTokens.admin(freshId("admin")), CLOSED, null)
                .read("$.data.closedWallets.edges[?(@.node.customerId == '" + customerId + "')].node");
        if (nodes.isEmpty()) throw new AssertionError("wallet " + customerId + " is not among the closed wallets");
        return JsonPath.parse(nodes.getFirst());
    }

    @Test
    void erasurePaysOutWhatIsLeftToThePaymentMethodOfRecordAndSaysSo() throws Exception {
        String kim = freshId("kim");
        topUp(kim, "20.00", freshId("k"));
        send(new CustomerEvent.CustomerDeleted(kim));
        PrivacyReply.ErasureCompleted done = REPLIES.await(PrivacyReply.ErasureCompleted.class, r -> r.customerId().equals(kim));
        assertThat(done.source()).isEqualTo("wallet");
        assertThat(done.detail()).contains("wallet closed", "20.00 USD paid out to the payment method of record");
        assertThat(wallets.find(kim).orElseThrow().balanceMinor()).isZero();
        DocumentContext closed = closedWallet(kim);
        assertThat(closed.<String>read("$.payoutStatus")).isEqualTo("PAID");
        assertThat(closed.<String>read("$.paidOut.amount")).isEqualTo("20.00");
        assertThat(closed.<String>read("$.balance.amount")).isEqualTo("0.00");
        DocumentContext admin = gql(TestTokens.admin(freshId("admin")), "query($c: [ID!]) { walletAudit(customerIds: $c) { mismatchCount } }",
                Map.of("c", List.of(kim)));
        assertThat(admin.<Integer>read("$.data.walletAudit.mismatchCount")).isZero();
    }

    @Test
    void aRefundThatArrivesAfterTheCloseIsPaidOutToo() throws Exception {
        String leo = freshId("leo"), order = freshId("order");
        topUp(leo, "30.00", freshId("k"));
        send(new WalletCommand.DebitWallet(order, leo, 1_250, "USD"));
        await().atMost(PATIENCE).until(() -> wallets.find(leo).orElseThrow().balanceMinor() == 1_750);
        send(new CustomerEvent.CustomerDeleted(leo));
        REPLIES.await(PrivacyReply.ErasureCompleted.class, r -> r.customerId().equals(leo));
        // the order the erasure cancelled is refunded into the closed wallet, and that money goes out as well
        send(new WalletCommand.RefundWallet(order, leo));
        await().atMost(PATIENCE).until(() -> "30.00".equals(closedWallet(leo).read("$.paidOut.amount")));
        assertThat(wallets.find(leo).orElseThrow().balanceMinor()).isZero();
        assertThat(closedWallet(leo).<String>read("$.payoutStatus")).isEqualTo("PAID");
    }

    @Test
    void aFailedPayoutLeavesTheMoneyOwedAndVisibleToTheAdministrator() throws Exception {
        String mia = freshId("mia");
        // 13.13 is the sandbox's simulated gateway failure
        topUp(mia, "10.00", freshId("k"));
        topUp(mia, "3.13", freshId("k"));
        send(new CustomerEvent.CustomerDeleted(mia));
        PrivacyReply.ErasureCompleted done = REPLIES.await(PrivacyReply.ErasureCompleted.class, r -> r.customerId().equals(mia));
        assertThat(done.detail()).contains("13.13 USD still owed", "failed: sandbox: simulated gateway failure");
        DocumentContext owing = closedWallet(mia);
        assertThat(owing.<String>read("$.payoutStatus")).isEqualTo("DUE");
        assertThat(owing.<String>read("$.balance.amount")).isEqualTo("13.13");
        assertThat(owing.<Integer>read("$.payoutAttempts")).isEqualTo(1);
        assertThat(owing.<String>read("$.lastPayoutError")).contains("simulated gateway failure");
        List<String> owed = gql(TestTokens.admin(freshId("admin")), CLOSED, Map.of("owing", true)).read("$.data.closedWallets.edges[*].node.customerId");
        assertThat(owed).contains(mia);
        assertThat(gql(TestTokens.customer(mia), CLOSED).<List<String>>read("$.errors[*].extensions.code")).containsExactly("FORBIDDEN");
    }

    @Test
    void aDataExportRequestIsAnsweredWithTheWalletAndItsWholeLedger() throws Exception {
        String nia = freshId("nia");
        topUp(nia, "12.00", freshId("k"));
        topUp(nia, "3.00", freshId("k"));
        send(new CustomerEvent.DataExportRequested(nia, "export-" + nia, 1));
        PrivacyReply.DataExportPart part = REPLIES.await(PrivacyReply.DataExportPart.class, p -> p.exportId().equals("export-" + nia));
        assertThat(part.source()).isEqualTo("wallet");
        await().atMost(PATIENCE).until(() -> REPLIES.payloads(PrivacyReply.DataExportPart.class, p -> p.exportId().equals("export-" + nia)).size()
                == part.chunkCount());
        String json = REPLIES.payloads(PrivacyReply.DataExportPart.class, p -> p.exportId().equals("export-" + nia)).stream()
                .sorted(java.util.Comparator.comparingInt(PrivacyReply.DataExportPart::chunk)).map(PrivacyReply.DataExportPart::data)
                .collect(Collectors.joining());
        DocumentContext doc = JsonPath.parse(json);
        assertThat(doc.<String>read("$.wallet.balance")).isEqualTo("15.00");
        assertThat(doc.<List<String>>read("$.transactions[*].amount")).containsExactly("12.00", "3.00");
        assertThat(doc.<List<String>>read("$.transactions[*].kind")).containsOnly("TOP_UP");
    }
}
