package com.shopbff.wallet;

import com.jayway.jsonpath.DocumentContext;
import com.shopbff.support.testing.TestTokens;
import com.shopbff.wallet.wallet.WalletRepository;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** The wallet's GraphQL API over HTTP, as a client sees it. */
class WalletApiTest extends WalletIntegrationTest {

    @Autowired
    MongoTemplate mongo;

    @Autowired
    WalletTestConfiguration.MongoCommands mongoCommands;

    @Autowired
    org.springframework.graphql.execution.GraphQlSource graphQlSource;

    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    private double topUps(String outcome) {
        return meters.get("shop.wallet.topups").tag("outcome", outcome).counter().count();
    }

    @Test
    void operationsAreParsedAndValidatedOnceThenServedFromTheDocumentCache() {
        // The shared subgraph defaults switch DGS's cache on (its switch is read under its camel-case name only).
        assertThat(graphQlSource.graphQl().getPreparsedDocumentProvider())
                .isInstanceOf(com.netflix.graphql.dgs.DgsDefaultPreparsedDocumentProvider.class);
    }

    @Test
    void aNewWalletIsEmptyAndAnAnonymousCallerIsUnauthenticated() throws Exception {
        String alice = freshId("alice");
        DocumentContext mine = gql(TestTokens.customer(alice), "{ myWallet { customerId balance { amount currency } transactions { totalCount edges { cursor } } } }");
        assertThat((String) mine.read("$.data.myWallet.balance.amount")).isEqualTo("0.00");
        assertThat((String) mine.read("$.data.myWallet.balance.currency")).isEqualTo("USD");
        assertThat((String) mine.read("$.data.myWallet.customerId")).isEqualTo(alice);
        assertThat((Integer) mine.read("$.data.myWallet.transactions.totalCount")).isZero();

        DocumentContext anonymous = gql(null, "{ myWallet { balance { amount } } }");
        assertThat((List<String>) anonymous.read("$.errors[*].extensions.code")).containsExactly("UNAUTHENTICATED");

        DocumentContext forged = gql("not-a-token", "{ myWallet { balance { amount } } }");
        assertThat((List<String>) forged.read("$.errors[*].extensions.code")).containsExactly("UNAUTHENTICATED");
    }

    @Test
    void topUpWithTheSameKeyCreditsOnceEvenUnderConcurrentRetries() throws Exception {
        String bob = freshId("bob");
        String key = freshId("key");
        int retries = 8;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<DocumentContext>> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(retries)) {
            for (int i = 0; i < retries; i++) {
                answers.add(pool.submit((Callable<DocumentContext>) () -> {
                    start.await();
                    return topUp(bob, "20.00", key);
                }));
            }
            start.countDown();
            for (Future<DocumentContext> answer : answers) {
                DocumentContext r = answer.get();
                assertThat((List<?>) r.read("$.data.topUpWallet.userErrors")).as(r.jsonString()).isEmpty();
                assertThat((String) r.read("$.data.topUpWallet.wallet.balance.amount")).isEqualTo("20.00");
            }
        }
        assertThat(balance(bob)).isEqualTo("20.00");
        assertThat(transactionCount(bob)).isEqualTo(1);

        DocumentContext reused = topUp(bob, "30.00", key);
        assertThat((String) reused.read("$.data.topUpWallet.userErrors[0].code")).isEqualTo("IDEMPOTENCY_KEY_REUSED");
        assertThat((List<String>) reused.read("$.data.topUpWallet.userErrors[0].field")).containsExactly("input", "idempotencyKey");
        assertThat(balance(bob)).isEqualTo("20.00");
    }

    @Test
    void badAmountsAreUserErrorsWithFieldAndCodeAndLeaveTheLedgerUntouched() throws Exception {
        String carol = freshId("carol");
        topUp(carol, "1.50", freshId("k"));
        Map<String, String> expected = Map.of(
                "abc", "INVALID_AMOUNT", "1.234", "INVALID_AMOUNT", "0", "AMOUNT_NOT_POSITIVE", "-5", "AMOUNT_NOT_POSITIVE",
                "-5.00", "AMOUNT_NOT_POSITIVE", "10000.01", "AMOUNT_TOO_LARGE", "", "INVALID_AMOUNT", "1e3", "INVALID_AMOUNT");
        for (var bad : expected.entrySet()) {
            DocumentContext r = topUp(carol, bad.getKey(), freshId("k"));
            assertThat((Object) r.read("$.data.topUpWallet.wallet")).as(bad.getKey()).isNull();
            assertThat((String) r.read("$.data.topUpWallet.userErrors[0].code")).as(bad.getKey()).isEqualTo(bad.getValue());
            assertThat((List<String>) r.read("$.data.topUpWallet.userErrors[0].field")).as(bad.getKey()).containsExactly("input", "amount");
        }
        DocumentContext noKey = topUp(carol, "5.00", " ");
        assertThat((String) noKey.read("$.data.topUpWallet.userErrors[0].code")).isEqualTo("INVALID_IDEMPOTENCY_KEY");
        assertThat((List<String>) noKey.read("$.data.topUpWallet.userErrors[0].field")).containsExactly("input", "idempotencyKey");

        assertThat(balance(carol)).isEqualTo("1.50");
        assertThat(transactionCount(carol)).isEqualTo(1);
    }

    @Test
    void aDeclinedOrFailedPaymentCreditsNothingAndTheKeyStaysUsable() throws Exception {
        String dan = freshId("dan");
        String key = freshId("k");
        double declinedBefore = topUps("declined");
        double failedBefore = topUps("failed");
        double appliedBefore = topUps("applied");
        long amountsBefore = meters.get("shop.wallet.topup.amount").summary().count();
        DocumentContext declined = topUp(dan, "5000.01", key);
        assertThat((String) declined.read("$.data.topUpWallet.userErrors[0].code")).isEqualTo("PAYMENT_DECLINED");
        DocumentContext failed = topUp(dan, "13.13", freshId("k"));
        assertThat((String) failed.read("$.data.topUpWallet.userErrors[0].code")).isEqualTo("PAYMENT_FAILED");
        assertThat(balance(dan)).isEqualTo("0.00");
        assertThat(transactionCount(dan)).isZero();

        DocumentContext retried = topUp(dan, "12.00", key);
        assertThat((List<?>) retried.read("$.data.topUpWallet.userErrors")).isEmpty();
        assertThat(balance(dan)).isEqualTo("12.00");
        assertThat(topUps("declined") - declinedBefore).as("shop_wallet_topups_total{outcome=declined}").isEqualTo(1);
        assertThat(topUps("failed") - failedBefore).isEqualTo(1);
        assertThat(topUps("applied") - appliedBefore).isEqualTo(1);
        assertThat(meters.get("shop.wallet.topup.amount").summary().count() - amountsBefore).isEqualTo(1);
    }

    @Test
    void transactionsArePagedNewestFirst() throws Exception {
        String erin = freshId("erin");
        topUp(erin, "1.00", freshId("k"));
        topUp(erin, "2.00", freshId("k"));
        topUp(erin, "3.00", freshId("k"));
        String page = "query($after: String) { myWallet { transactions(first: 2, after: $after) { totalCount"
                + " pageInfo { hasNextPage endCursor } edges { cursor node { kind amount { amount } balanceAfter { amount } createdAt } } } } }";
        DocumentContext first = gql(TestTokens.customer(erin), page, Map.of());
        assertThat((List<String>) first.read("$.data.myWallet.transactions.edges[*].node.amount.amount")).containsExactly("3.00", "2.00");
        assertThat((List<String>) first.read("$.data.myWallet.transactions.edges[*].node.balanceAfter.amount")).containsExactly("6.00", "3.00");
        assertThat((List<String>) first.read("$.data.myWallet.transactions.edges[*].node.kind")).containsOnly("TOP_UP");
        assertThat((Boolean) first.read("$.data.myWallet.transactions.pageInfo.hasNextPage")).isTrue();
        assertThat((Integer) first.read("$.data.myWallet.transactions.totalCount")).isEqualTo(3);

        String cursor = first.read("$.data.myWallet.transactions.pageInfo.endCursor");
        DocumentContext second = gql(TestTokens.customer(erin), page, Map.of("after", cursor));
        assertThat((List<String>) second.read("$.data.myWallet.transactions.edges[*].node.amount.amount")).containsExactly("1.00");
        assertThat((Boolean) second.read("$.data.myWallet.transactions.pageInfo.hasNextPage")).isFalse();

        DocumentContext tooMany = gql(TestTokens.customer(erin), "{ myWallet { transactions(first: 101) { totalCount } } }");
        assertThat((List<String>) tooMany.read("$.errors[*].extensions.code")).containsExactly("BAD_USER_INPUT");
        DocumentContext badCursor = gql(TestTokens.customer(erin), page, Map.of("after", "garbage!"));
        assertThat((List<String>) badCursor.read("$.errors[*].extensions.code")).containsExactly("BAD_USER_INPUT");
    }

    @Test
    void customerWalletIsVisibleToTheCustomerThemselfAndAdminOnly() throws Exception {
        String frank = freshId("frank");
        String grace = freshId("grace");
        topUp(frank, "4.00", freshId("k"));
        topUp(grace, "9.00", freshId("k"));
        String entities = """
                query($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { id wallet { balance { amount }
                  transactions(first: 5) { totalCount edges { node { amount { amount } } } } } } } }""";
        Map<String, Object> reps = Map.of("r", List.of(Map.of("__typename", "Customer", "id", frank), Map.of("__typename", "Customer", "id", grace)));

        DocumentContext asFrank = gql(TestTokens.customer(frank), entities, reps);
        assertThat((String) asFrank.read("$.data._entities[0].wallet.balance.amount")).isEqualTo("4.00");
        assertThat((Object) asFrank.read("$.data._entities[1].wallet")).isNull();
        assertThat((Map<String, Object>) asFrank.json()).doesNotContainKey("errors");

        int mark = mongoCommands.mark();
        DocumentContext asAdmin = gql(TestTokens.admin(freshId("admin")), entities, reps);
        assertThat((List<String>) asAdmin.read("$.data._entities[*].wallet.balance.amount")).containsExactly("4.00", "9.00");
        assertThat(mongoCommands.finds(mark, WalletRepository.COLLECTION, frank, grace)).as("wallets of all entities in one query").isEqualTo(1);
        assertThat(mongoCommands.finds(mark, "ledger", "entryNo")).as("transactions of all wallets in one query").isEqualTo(1);
        assertThat((List<String>) asAdmin.read("$.data._entities[*].wallet.transactions.edges[0].node.amount.amount")).containsExactly("4.00", "9.00");
        assertThat((List<Integer>) asAdmin.read("$.data._entities[*].wallet.transactions.totalCount")).containsExactly(1, 1);

        DocumentContext anonymous = gql(null, entities, reps);
        assertThat((List<Object>) anonymous.read("$.data._entities[*].wallet")).containsExactly(null, null);
    }

    @Test
    void adjustWalletIsForAdminsAndNeverTakesABalanceBelowZero() throws Exception {
        String heidi = freshId("heidi");
        topUp(heidi, "10.00", freshId("k"));
        String adjust = """
                mutation($i: AdjustWalletInput!) { adjustWallet(input: $i) { wallet { balance { amount } } userErrors { code field message } } }""";
        String admin = TestTokens.admin(freshId("admin"));

        DocumentContext byCustomer = gql(TestTokens.customer(heidi), adjust, Map.of("i", Map.of("customerId", heidi, "amount", "100.00", "reason", "please")));
        assertThat((List<String>) byCustomer.read("$.errors[*].extensions.code")).containsExactly("FORBIDDEN");

        String key = freshId("adj");
        Map<String, Object> goodwill = Map.of("i", Map.of("customerId", heidi, "amount", "-2.50", "reason", "goodwill correction", "idempotencyKey", key));
        assertThat((String) gql(admin, adjust, goodwill).read("$.data.adjustWallet.wallet.balance.amount")).isEqualTo("7.50");
        assertThat((String) gql(admin, adjust, goodwill).read("$.data.adjustWallet.wallet.balance.amount")).isEqualTo("7.50");

        DocumentContext overdraw = gql(admin, adjust, Map.of("i", Map.of("customerId", heidi, "amount", "-7.51", "reason", "too much")));
        assertThat((String) overdraw.read("$.data.adjustWallet.userErrors[0].code")).isEqualTo("INSUFFICIENT_FUNDS");
        assertThat((List<String>) overdraw.read("$.data.adjustWallet.userErrors[0].field")).containsExactly("input", "amount");

        DocumentContext unknown = gql(admin, adjust, Map.of("i", Map.of("customerId", freshId("nobody"), "amount", "1.00", "reason", "x")));
        assertThat((String) unknown.read("$.data.adjustWallet.userErrors[0].code")).isEqualTo("WALLET_NOT_FOUND");

        DocumentContext noReason = gql(admin, adjust, Map.of("i", Map.of("customerId", heidi, "amount", "1.00", "reason", "  ")));
        assertThat((String) noReason.read("$.data.adjustWallet.userErrors[0].code")).isEqualTo("INVALID_REASON");

        assertThat(balance(heidi)).isEqualTo("7.50");
        assertThat(transactionCount(heidi)).isEqualTo(2);
    }

    @Test
    void walletAuditReportsABalanceThatDisagreesWithItsLedger() throws Exception {
        String ivan = freshId("ivan");
        String judy = freshId("judy");
        topUp(ivan, "5.00", freshId("k"));
        topUp(judy, "6.00", freshId("k"));
        String audit = """
                query($ids: [ID!]) { walletAudit(customerIds: $ids) { walletsChecked mismatchCount
                  mismatches { customerId balance { amount } ledgerSum { amount } } } }""";
        String admin = TestTokens.admin(freshId("admin"));
        Map<String, Object> ids = Map.of("ids", List.of(ivan, judy));

        DocumentContext clean = gql(admin, audit, ids);
        assertThat((Integer) clean.read("$.data.walletAudit.walletsChecked")).isEqualTo(2);
        assertThat((Integer) clean.read("$.data.walletAudit.mismatchCount")).isZero();

        // Tampering behind the ledger's back is exactly what the audit exists to catch.
        mongo.updateFirst(Query.query(Criteria.where("_id").is(ivan)), new Update().inc("balance", 100L), WalletRepository.COLLECTION);
        try {
            DocumentContext caught = gql(admin, audit, ids);
            assertThat((Integer) caught.read("$.data.walletAudit.mismatchCount")).isEqualTo(1);
            assertThat((String) caught.read("$.data.walletAudit.mismatches[0].customerId")).isEqualTo(ivan);
            assertThat((String) caught.read("$.data.walletAudit.mismatches[0].balance.amount")).isEqualTo("6.00");
            assertThat((String) caught.read("$.data.walletAudit.mismatches[0].ledgerSum.amount")).isEqualTo("5.00");
            DocumentContext everyWallet = gql(admin, "{ walletAudit { walletsChecked mismatches { customerId } } }");
            assertThat((List<String>) everyWallet.read("$.data.walletAudit.mismatches[*].customerId")).contains(ivan);
        } finally {
            mongo.updateFirst(Query.query(Criteria.where("_id").is(ivan)), new Update().inc("balance", -100L), WalletRepository.COLLECTION);
        }

        DocumentContext byCustomer = gql(TestTokens.customer(ivan), audit, ids);
        assertThat((List<String>) byCustomer.read("$.errors[*].extensions.code")).containsExactly("FORBIDDEN");
    }
}
