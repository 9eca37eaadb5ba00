package com.shopbff.customer;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import com.shopbff.contracts.CustomerEvent;
import com.shopbff.contracts.Envelope;
import com.shopbff.contracts.Message;
import com.shopbff.contracts.MessageCodec;
import com.shopbff.contracts.PrivacyReply;
import com.shopbff.contracts.Topics;
import com.shopbff.embedded.SharedTestInfra;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Erasure and data export as the customer subgraph runs them: the audit entry, the anonymised customer other
 * subgraphs' references resolve to, and an export assembled from the parts the other subgraphs send on
 * {@code privacy.replies} (sent here by the test, as those subgraphs would, over the real broker).
 */
class PrivacyRequestsTest extends CustomerIntegrationTest {
    private static final String AUDIT = "query($c: ID) { privacyRequests(customerId: $c) { totalCount edges { node { id kind customerId status attempts "
            + "failureReason steps { source completedAt detail } } } } }";
    private static final String EXPORT = "query($id: ID!) { dataExport(id: $id) { id status sources { name receivedAt } document failureReason } }";
    private static KafkaProducer<String, byte[]> producer;

    @Autowired
    MongoTemplate mongo;
    @Autowired
    com.shopbff.customer.privacy.PrivacyRequests requests;

    static synchronized void reply(Message m) {
        if (producer == null) {
            producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedTestInfra.kafka().bootstrapServers(),
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()));
        }
        try {
            producer.send(new ProducerRecord<>(Topics.PRIVACY_REPLIES, m.key(), MessageCodec.encode(Envelope.of(m)))).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void close() {
        if (producer != null) producer.close();
    }

    private DocumentContext erase(Account a) {
        return gql("mutation($p: String!) { deleteMyAccount(password: $p) { deletedCustomerId userErrors { code } } }", Map.of("p", PASSWORD), a.accessToken());
    }

    @Test
    void anErasedCustomerResolvesForTheAdminAsAnAnonymisedCustomer() {
        Account a = signUp("anon");
        String admin = adminToken();
        erase(a);
        DocumentContext r = gql("query($r: [_Any!]!) { _entities(representations: $r) { ... on Customer { id email name phone addresses { id } "
                + "erasedAt emailVerified createdAt } } }", Map.of("r", List.of(Map.of("__typename", "Customer", "id", a.id()))), admin);
        assertThat(codes(r)).isEmpty();
        assertThat((String) r.read("$.data._entities[0].id")).isEqualTo(a.id());
        assertThat((String) r.read("$.data._entities[0].name")).isEqualTo("Erased customer");
        assertThat((String) r.read("$.data._entities[0].email")).endsWith("@erased.invalid").doesNotContain(a.email().split("@")[0]);
        assertThat((Object) r.read("$.data._entities[0].phone")).isNull();
        assertThat((List<?>) r.read("$.data._entities[0].addresses")).isEmpty();
        assertThat((String) r.read("$.data._entities[0].erasedAt")).isNotNull();
        assertThat((String) r.read("$.data._entities[0].createdAt")).isNotNull();
        assertThat((String) gql("query($id: ID!) { customer(id: $id) { name } }", Map.of("id", a.id()), admin).read("$.data.customer.name"))
                .isEqualTo("Erased customer");
        // erased accounts are not listed among customers, and the tombstone holds nothing personal
        assertThat((Integer) gql("query($s: String) { customers(search: $s) { totalCount } }", Map.of("s", a.id()), admin)
                .read("$.data.customers.totalCount")).isZero();
        Document tombstone = mongo.findById(a.id(), Document.class, "customers");
        assertThat(tombstone).doesNotContainKeys("email", "emailLower", "name", "phone", "addresses", "passwordHash", "providers", "verification");
    }

    @Test
    void anErasureIsAuditedAndCompletesWhenEverySubgraphHasConfirmedIt() {
        Account a = signUp("audit");
        String admin = adminToken();
        assertThat((String) erase(a).read("$.data.deleteMyAccount.deletedCustomerId")).isEqualTo(a.id());
        DocumentContext audit = gql(AUDIT, Map.of("c", a.id()), admin);
        assertThat((Integer) audit.read("$.data.privacyRequests.totalCount")).isEqualTo(1);
        assertThat((String) audit.read("$.data.privacyRequests.edges[0].node.kind")).isEqualTo("ERASURE");
        assertThat((String) audit.read("$.data.privacyRequests.edges[0].node.status")).isEqualTo("IN_PROGRESS");
        assertThat((List<String>) audit.read("$.data.privacyRequests.edges[0].node.steps[?(@.completedAt != null)].source")).containsExactly("customer");

        reply(new PrivacyReply.ErasureCompleted(a.id(), "orders", "2 unshipped orders cancelled and refunded, 3 orders anonymised"));
        reply(new PrivacyReply.ErasureCompleted(a.id(), "wallet", "wallet closed, 12.50 USD paid out"));
        reply(new PrivacyReply.ErasureCompleted(a.id(), "orders", "a repeated answer keeps the first"));
        await().atMost(Duration.ofSeconds(10)).until(() -> ((List<?>) gql(AUDIT, Map.of("c", a.id()), admin)
                .read("$.data.privacyRequests.edges[0].node.steps[?(@.completedAt != null)]")).size() == 3);
        assertThat((String) gql(AUDIT, Map.of("c", a.id()), admin).read("$.data.privacyRequests.edges[0].node.status")).isEqualTo("IN_PROGRESS");
        reply(new PrivacyReply.ErasureCompleted(a.id(), "notifications", "4 notifications erased"));
        await().atMost(Duration.ofSeconds(10)).until(() -> "COMPLETED".equals(gql(AUDIT, Map.of("c", a.id()), admin)
                .read("$.data.privacyRequests.edges[0].node.status")));
        DocumentContext done = gql(AUDIT, Map.of("c", a.id()), admin);
        assertThat((List<String>) done.read("$.data.privacyRequests.edges[0].node.steps[?(@.source == 'orders')].detail"))
                .containsExactly("2 unshipped orders cancelled and refunded, 3 orders anonymised");
    }

    @Test
    void aSubgraphThatDoesNotAnswerIsAskedAgainAndTheAuditSaysWhoIsMissing() {
        Account a = signUp("silent");
        String admin = adminToken();
        erase(a);
        awaitCustomerEvent(a.id(), e -> e.payload() instanceof CustomerEvent.CustomerDeleted);
        reply(new PrivacyReply.ErasureCompleted(a.id(), "orders", "nothing"));
        reply(new PrivacyReply.ErasureCompleted(a.id(), "notifications", "nothing"));
        await().atMost(Duration.ofSeconds(10)).until(() -> ((List<?>) gql(AUDIT, Map.of("c", a.id()), admin)
                .read("$.data.privacyRequests.edges[0].node.steps[?(@.completedAt != null)]")).size() == 3);
        // shop.privacy.resend-after is 1 s in these tests: the wallet is asked again, and again
        int askedSoFar = gql(AUDIT, Map.of("c", a.id()), admin).read("$.data.privacyRequests.edges[0].node.attempts");
        await().atMost(Duration.ofSeconds(20)).until(() -> (Integer) gql(AUDIT, Map.of("c", a.id()), admin)
                .read("$.data.privacyRequests.edges[0].node.attempts") > askedSoFar);
        assertThat((String) gql(AUDIT, Map.of("c", a.id()), admin).read("$.data.privacyRequests.edges[0].node.failureReason"))
                .contains("wallet").doesNotContain("orders");
        List<String> deletedTwice = new java.util.ArrayList<>();
        awaitCustomerEvent(a.id(), e -> {
            if (e.payload() instanceof CustomerEvent.CustomerDeleted) deletedTwice.add(e.eventId().toString());
            return deletedTwice.size() >= 2;
        });
        reply(new PrivacyReply.ErasureCompleted(a.id(), "wallet", "wallet closed, empty"));
        await().atMost(Duration.ofSeconds(10)).until(() -> "COMPLETED".equals(gql(AUDIT, Map.of("c", a.id()), admin)
                .read("$.data.privacyRequests.edges[0].node.status")));
    }

    @Test
    void anExportIsAssembledFromEverySubgraphsPartsIntoOneJsonDocument() {
        Account a = signUp("export");
        gql("mutation($i: AddressInput!) { addAddress(input: $i) { userErrors { code } } }",
                Map.of("i", Map.of("line1", "7 Export Row", "city", "Leeds", "postalCode", "LS2", "country", "GB")), a.accessToken());
        DocumentContext started = gql("mutation { exportMyData { export { id status sources { name receivedAt } } userErrors { code } } }", Map.of(), a.accessToken());
        String id = started.read("$.data.exportMyData.export.id");
        assertThat((String) started.read("$.data.exportMyData.export.status")).isEqualTo("PENDING");
        assertThat((List<String>) started.read("$.data.exportMyData.export.sources[?(@.receivedAt != null)].name")).containsExactly("customer");
        CustomerEvent.DataExportRequested asked = (CustomerEvent.DataExportRequested) awaitCustomerEvent(a.id(),
                e -> e.payload() instanceof CustomerEvent.DataExportRequested r && r.exportId().equals(id)).payload();
        assertThat(asked.attempt()).isEqualTo(1);
        assertThat((List<String>) gql("mutation { exportMyData { userErrors { code } } }", Map.of(), a.accessToken())
                .read("$.data.exportMyData.userErrors[*].code")).containsExactly("EXPORT_IN_PROGRESS");
        assertThat((Object) gql(EXPORT, Map.of("id", id), a.accessToken()).read("$.data.dataExport.document")).isNull();

        // orders in two chunks (a part is cut where it is long), wallet and notifications in one
        String orders = "{\"orders\":[{\"number\":\"SO-1\",\"total\":\"3.50\"}],\"cart\":[]}";
        reply(new PrivacyReply.DataExportPart(a.id(), id, "orders", 1, 2, orders.substring(20)));
        reply(new PrivacyReply.DataExportPart(a.id(), id, "wallet", 0, 1, "{\"wallet\":{\"balance\":\"0.00\"},\"transactions\":[]}"));
        reply(new PrivacyReply.DataExportPart(a.id(), id, "notifications", 0, 1, "{\"notifications\":[],\"preferences\":{\"emailEnabled\":true}}"));
        reply(new PrivacyReply.DataExportPart("someone-else", id, "orders", 0, 2, "{\"forged\":"));
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
                .until(() -> "PENDING".equals(gql(EXPORT, Map.of("id", id), a.accessToken()).read("$.data.dataExport.status")));
        reply(new PrivacyReply.DataExportPart(a.id(), id, "orders", 0, 2, orders.substring(0, 20)));
        await().atMost(Duration.ofSeconds(10)).until(() -> "READY".equals(gql(EXPORT, Map.of("id", id), a.accessToken()).read("$.data.dataExport.status")));

        String document = gql(EXPORT, Map.of("id", id), a.accessToken()).read("$.data.dataExport.document");
        DocumentContext json = JsonPath.parse(document);
        assertThat((String) json.read("$.customerId")).isEqualTo(a.id());
        assertThat((String) json.read("$.customer.email")).isEqualTo(a.email());
        assertThat((List<String>) json.read("$.customer.addresses[*].line1")).containsExactly("7 Export Row");
        assertThat((String) json.read("$.orders.orders[0].number")).isEqualTo("SO-1");
        assertThat((String) json.read("$.wallet.wallet.balance")).isEqualTo("0.00");
        assertThat((Boolean) json.read("$.notifications.preferences.emailEnabled")).isTrue();
        assertThat(document).doesNotContain("forged").doesNotContain(PASSWORD);
        // the administrator sees the export in the audit, but not its content
        String admin = adminToken();
        assertThat((Object) gql(EXPORT, Map.of("id", id), admin).read("$.data.dataExport.document")).isNull();
        assertThat((String) gql(AUDIT, Map.of("c", a.id()), admin).read("$.data.privacyRequests.edges[0].node.status")).isEqualTo("COMPLETED");
    }

    @Test
    void erasingTheAccountDropsItsExportsContent() {
        Account a = signUp("export-erased");
        String id = gql("mutation { exportMyData { export { id } } }", Map.of(), a.accessToken()).read("$.data.exportMyData.export.id");
        erase(a);
        await().atMost(Duration.ofSeconds(10)).until(() -> mongo.count(new org.springframework.data.mongodb.core.query.Query(
                org.springframework.data.mongodb.core.query.Criteria.where("exportId").is(id)), "data_export_chunks") == 0);
        String admin = adminToken();
        DocumentContext audit = gql(AUDIT, Map.of("c", a.id()), admin);
        assertThat((List<String>) audit.read("$.data.privacyRequests.edges[*].node.kind")).containsExactlyInAnyOrder("ERASURE", "DATA_EXPORT");
        assertThat((List<String>) gql(EXPORT, Map.of("id", id), admin).read("$..status")).containsExactly("EXPIRED");
    }

    @Test
    void anErasureInterruptedBeforeTheAccountWasErasedIsFinishedByTheSweep() {
        Account a = signUp("interrupted");
        String admin = adminToken();
        // the state a crash between the two steps of deleteMyAccount leaves: the request written, the account still live
        java.time.Instant now = java.time.Instant.now();
        requests.openErasure(a.id(), List.of("customer", "orders", "wallet", "notifications"), now, now);

        await().atMost(Duration.ofSeconds(15)).until(() -> Boolean.TRUE.equals(mongo.findById(a.id(), Document.class, "customers").getBoolean("deleted")));
        awaitCustomerEvent(a.id(), e -> e.payload() instanceof CustomerEvent.CustomerDeleted);
        Document tombstone = mongo.findById(a.id(), Document.class, "customers");
        assertThat(tombstone).doesNotContainKeys("email", "name", "passwordHash");
        DocumentContext audit = gql(AUDIT, Map.of("c", a.id()), admin);
        assertThat((String) audit.read("$.data.privacyRequests.edges[0].node.status")).isEqualTo("IN_PROGRESS");
        assertThat((List<String>) audit.read("$.data.privacyRequests.edges[0].node.steps[?(@.completedAt != null)].source")).containsExactly("customer");
        assertThat((List<String>) gql("mutation($i: SignInInput!) { signIn(input: $i) { userErrors { code } } }",
                Map.of("i", Map.of("email", a.email(), "password", PASSWORD)), null).read("$.data.signIn.userErrors[*].code"))
                .containsExactly("INVALID_CREDENTIALS");
        for (String source : List.of("orders", "wallet", "notifications")) reply(new PrivacyReply.ErasureCompleted(a.id(), source, "done"));
        await().atMost(Duration.ofSeconds(10)).until(() -> "COMPLETED".equals(gql(AUDIT, Map.of("c", a.id()), admin)
                .read("$.data.privacyRequests.edges[0].node.status")));
    }

    @Test
    void anExportStillMissingPartsAfterItsTimeoutFailsSaysWhoAndMayBeAskedForAgain() {
        Account a = signUp("export-late");
        String id = gql("mutation { exportMyData { export { id } } }", Map.of(), a.accessToken()).read("$.data.exportMyData.export.id");
        reply(new PrivacyReply.DataExportPart(a.id(), id, "orders", 0, 1, "{\"orders\":[]}"));
        await().atMost(Duration.ofSeconds(10)).until(() -> ((List<?>) gql(EXPORT, Map.of("id", id), a.accessToken())
                .read("$.data.dataExport.sources[?(@.receivedAt != null)]")).size() == 2);
        // five minutes (shop.privacy.export-timeout) have passed since it was asked for
        mongo.updateFirst(new org.springframework.data.mongodb.core.query.Query(org.springframework.data.mongodb.core.query.Criteria.where("_id").is(id)),
                new org.springframework.data.mongodb.core.query.Update().set("requestedAt", java.util.Date.from(java.time.Instant.now().minus(Duration.ofMinutes(6))))
                        .set("nextSendAt", new java.util.Date()), "privacy_requests");

        await().atMost(Duration.ofSeconds(10)).until(() -> "FAILED".equals(gql(EXPORT, Map.of("id", id), a.accessToken()).read("$.data.dataExport.status")));
        DocumentContext failed = gql(EXPORT, Map.of("id", id), a.accessToken());
        assertThat((String) failed.read("$.data.dataExport.failureReason")).contains("wallet", "notifications", "5 min").doesNotContain("orders");
        assertThat((Object) failed.read("$.data.dataExport.document")).isNull();
        assertThat(mongo.count(new org.springframework.data.mongodb.core.query.Query(
                org.springframework.data.mongodb.core.query.Criteria.where("exportId").is(id)), "data_export_chunks")).isZero();
        // a part arriving after the failure changes nothing; the customer may ask again
        reply(new PrivacyReply.DataExportPart(a.id(), id, "wallet", 0, 1, "{\"wallet\":null}"));
        reply(new PrivacyReply.DataExportPart(a.id(), id, "notifications", 0, 1, "{\"notifications\":[]}"));
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
                .until(() -> "FAILED".equals(gql(EXPORT, Map.of("id", id), a.accessToken()).read("$.data.dataExport.status")));
        DocumentContext again = gql("mutation { exportMyData { export { id status } userErrors { code } } }", Map.of(), a.accessToken());
        assertThat((List<?>) again.read("$.data.exportMyData.userErrors")).isEmpty();
        assertThat((String) again.read("$.data.exportMyData.export.status")).isEqualTo("PENDING");
        assertThat((String) again.read("$.data.exportMyData.export.id")).isNotEqualTo(id);
    }

    @Test
    void atMostFiveExportsADayAreMade() {
        Account a = signUp("export-many");
        for (int i = 0; i < 5; i++) {
            DocumentContext r = gql("mutation { exportMyData { export { id } userErrors { code } } }", Map.of(), a.accessToken());
            assertThat((List<?>) r.read("$.data.exportMyData.userErrors")).as("export %d", i + 1).isEmpty();
            // each one ends (here: as if it had failed) before the next is asked for, since one at a time is allowed
            requests.finish(r.read("$.data.exportMyData.export.id"), "PENDING", "FAILED", java.time.Instant.now(), null, "test");
        }
        DocumentContext sixth = gql("mutation { exportMyData { export { id } userErrors { code message } } }", Map.of(), a.accessToken());
        assertThat((List<String>) sixth.read("$.data.exportMyData.userErrors[*].code")).containsExactly("TOO_MANY_REQUESTS");
        assertThat((Object) sixth.read("$.data.exportMyData.export")).isNull();
    }

    @Test
    void theAuditIsPagedByCursorAndAForeignCursorIsBadInput() {
        Account a = signUp("audit-pages");
        String admin = adminToken();
        for (int i = 0; i < 3; i++) {
            String id = gql("mutation { exportMyData { export { id } } }", Map.of(), a.accessToken()).read("$.data.exportMyData.export.id");
            requests.finish(id, "PENDING", "FAILED", java.time.Instant.now(), null, "test");
        }
        String page = "query($c: ID, $after: String) { privacyRequests(customerId: $c, first: 2, after: $after) { totalCount "
                + "edges { node { id } } pageInfo { hasNextPage endCursor } } }";
        java.util.HashMap<String, Object> vars = new java.util.HashMap<>(Map.of("c", a.id()));
        DocumentContext first = gql(page, vars, admin);
        assertThat((List<String>) first.read("$.data.privacyRequests.edges[*].node.id")).hasSize(2);
        assertThat((Boolean) first.read("$.data.privacyRequests.pageInfo.hasNextPage")).isTrue();
        vars.put("after", first.read("$.data.privacyRequests.pageInfo.endCursor"));
        DocumentContext second = gql(page, vars, admin);
        assertThat((List<String>) second.read("$.data.privacyRequests.edges[*].node.id")).hasSize(1)
                .doesNotContainAnyElementsOf(first.read("$.data.privacyRequests.edges[*].node.id"));
        assertThat((Boolean) second.read("$.data.privacyRequests.pageInfo.hasNextPage")).isFalse();
        vars.put("after", com.shopbff.support.paging.Cursors.encode("not-a-cursor"));
        assertThat(codes(gql(page, vars, admin))).containsExactly("BAD_USER_INPUT");
    }
}
