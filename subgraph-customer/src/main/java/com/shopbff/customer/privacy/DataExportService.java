package com.shopbff.customer.privacy;

import com.shopbff.contracts.CustomerEvent;
import com.shopbff.contracts.PrivacyReply;
import com.shopbff.contracts.Topics;
import com.shopbff.customer.account.CustomerDocument;
import com.shopbff.customer.account.CustomerRepository;
import com.shopbff.customer.account.Outcome;
import com.shopbff.customer.account.UserErrors;
import com.shopbff.customer.session.RefreshTokens;
import com.shopbff.support.messaging.OutboxEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * GDPR data exports (Art. 15/20), assembled over Kafka: {@link #request} stores the request with a
 * DataExportRequested in its outbox and this subgraph's own part; every other subgraph answers with its part in
 * chunks ({@code privacy.replies}); when every source's chunks are in, the export is READY and {@link #document}
 * joins them into one JSON document. Missing parts are asked for again; an export still incomplete after
 * {@code shop.privacy.export-timeout} FAILS (its chunks deleted), a READY one EXPIRES after {@code export-ttl}.
 */
@Service
public class DataExportService {
    private static final Logger log = LoggerFactory.getLogger(DataExportService.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final PrivacyRequests requests;
    private final ExportChunks chunks;
    private final CustomerRepository customers;
    private final RefreshTokens refreshTokens;
    private final PrivacyProperties properties;
    private final Clock clock;

    public DataExportService(PrivacyRequests requests, ExportChunks chunks, CustomerRepository customers, RefreshTokens refreshTokens,
                             PrivacyProperties properties, Clock clock) {
        this.requests = requests;
        this.chunks = chunks;
        this.customers = customers;
        this.refreshTokens = refreshTokens;
        this.properties = properties;
        this.clock = clock;
    }

    public Outcome<PrivacyRequest> request(String customerId) {
        Optional<CustomerDocument> customer = customers.find(customerId);
        if (customer.isEmpty()) return Outcome.failed(UserErrors.of("ACCOUNT_NOT_FOUND", "This account does not exist any more."));
        Instant now = now();
        if (requests.exportsOf(customerId, 10).stream().anyMatch(r -> r.status().equals("PENDING")))
            return Outcome.failed(UserErrors.of("EXPORT_IN_PROGRESS", "An export of your data is being prepared; wait until it is ready."));
        if (requests.countExportsSince(customerId, now.minus(Duration.ofDays(1))) >= properties.maxExportsPerDay())
            return Outcome.failed(UserErrors.of("TOO_MANY_REQUESTS", "At most " + properties.maxExportsPerDay()
                    + " exports a day; try again tomorrow."));
        String exportId = UUID.randomUUID().toString();
        // this subgraph's part first: the request's message may be answered by the others within milliseconds
        chunks.save(exportId, customerId, PrivacyProperties.SELF, 0, JSON.writeValueAsString(ownPart(customer.get())));
        requests.insertExport(exportId, customerId, properties.sources(), now, now.plus(properties.resendDelay(1)),
                OutboxEntry.of(Topics.CUSTOMER_EVENTS, new CustomerEvent.DataExportRequested(customerId, exportId, 1)));
        onPart(new PrivacyReply.DataExportPart(customerId, exportId, PrivacyProperties.SELF, 0, 1, null));
        return Outcome.ok(requests.find(exportId).orElseThrow());
    }

    /**
     * One chunk of a source's part: stored (idempotent by export, source and chunk number); the export turns READY when
     * it was the last chunk missing. A chunk for an export that is no longer PENDING (failed, expired, erased) is dropped.
     */
    public void onPart(PrivacyReply.DataExportPart part) {
        Optional<PrivacyRequest> open = requests.find(part.exportId()).filter(r -> r.status().equals("PENDING")
                && r.kind() == PrivacyRequest.Kind.DATA_EXPORT && r.customerId().equals(part.customerId()));
        if (open.isEmpty()) return;
        if (part.chunk() < 0 || part.chunkCount() < 1 || part.chunk() >= part.chunkCount()) {
            log.warn("export {}: ignoring chunk {}/{} from {}", part.exportId(), part.chunk(), part.chunkCount(), part.source());
            return;
        }
        if (part.data() != null) chunks.save(part.exportId(), part.customerId(), part.source(), part.chunk(), part.data());
        Optional<PrivacyRequest> updated = requests.recordChunk(part.exportId(), part.source(), part.chunk(), part.chunkCount());
        if (updated.isEmpty() || !updated.get().hasAllChunksOf(part.source())) return;
        Instant now = now();
        requests.recordStep(part.exportId(), part.source(), part.chunkCount() + (part.chunkCount() == 1 ? " chunk" : " chunks"), now)
                .filter(r -> r.missing().isEmpty())
                .ifPresent(r -> {
                    if (requests.finish(r.id(), "PENDING", "READY", now, now.plus(properties.exportTtl()), null)) {
                        log.info("data export {} of customer {} is ready", r.id(), r.customerId());
                    }
                });
    }

    /** The whole export as one JSON document, when READY; empty otherwise. */
    public Optional<String> document(PrivacyRequest export) {
        if (!export.status().equals("READY")) return Optional.empty();
        ObjectNode doc = JSON.createObjectNode();
        doc.put("format", "shop-data-export/1");
        doc.put("exportId", export.id());
        doc.put("customerId", export.customerId());
        doc.put("requestedAt", export.requestedAt().toString());
        doc.put("completedAt", export.completedAt() == null ? null : export.completedAt().toString());
        for (Map.Entry<String, String> part : chunks.parts(export.id()).entrySet()) {
            doc.set(part.getKey(), JSON.readTree(part.getValue()));
        }
        return Optional.of(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(doc));
    }

    /** The sweep's part for a due export: fail it after the timeout, else ask the silent sources again. */
    void resume(PrivacyRequest r) {
        Instant now = now();
        if (r.requestedAt().plus(properties.exportTimeout()).isBefore(now)) {
            String reason = "no answer from " + String.join(", ", r.missing()) + " within " + properties.exportTimeout().toMinutes() + " min";
            if (requests.finish(r.id(), "PENDING", "FAILED", now, null, reason)) {
                chunks.deleteExport(r.id());
                log.warn("data export {} of customer {} failed: {}", r.id(), r.customerId(), reason);
            }
            return;
        }
        int attempt = r.attempts() + 1;
        requests.resend(r, OutboxEntry.of(Topics.CUSTOMER_EVENTS, new CustomerEvent.DataExportRequested(r.customerId(), r.id(), attempt)),
                now.plus(properties.resendDelay(attempt)), "waiting for: " + String.join(", ", r.missing()));
    }

    /** Deletes the document of an export past its expiry. */
    void expire(PrivacyRequest r) {
        if (requests.finish(r.id(), "READY", "EXPIRED", now(), null, null)) chunks.deleteExport(r.id());
    }

    /** The customer subgraph's part: the account, its addresses, sign-in links and sessions. */
    private JsonNode ownPart(CustomerDocument c) {
        ObjectNode account = JSON.createObjectNode();
        account.put("id", c.id());
        account.put("email", c.email());
        account.put("emailVerified", c.isEmailVerified());
        account.put("pendingEmail", c.pendingEmail());
        account.put("name", c.name());
        account.put("phone", c.phone());
        account.put("role", c.role().name());
        account.put("createdAt", c.createdAt().toString());
        account.put("hasPassword", c.hasPassword());
        ArrayNode addresses = account.putArray("addresses");
        c.addresses().forEach(a -> addresses.addObject().put("id", a.id()).put("line1", a.line1()).put("line2", a.line2())
                .put("city", a.city()).put("postalCode", a.postalCode()).put("country", a.country()));
        ArrayNode providers = account.putArray("linkedProviders");
        c.providers().forEach(p -> providers.addObject().put("provider", p.provider()).put("subject", p.subject())
                .put("linkedAt", p.linkedAt().toString()));
        ArrayNode sessions = account.putArray("sessions");
        refreshTokens.sessionsOf(c.id()).forEach(s -> sessions.addObject().put("startedAt", s.startedAt().toString())
                .put("expiresAt", s.expiresAt().toString()).put("ended", s.revoked()).put("endedBecause", s.revokedReason()));
        return account;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
