package com.shopbff.support.privacy;

import com.shopbff.contracts.PrivacyReply;
import com.shopbff.contracts.Topics;
import com.shopbff.support.messaging.MessagePublisher;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.List;

/**
 * A subgraph's answers to the customer subgraph's privacy requests ({@code privacy.replies}): its part of a data
 * export, cut into chunks that keep a message far below Kafka's 1 MB limit, and the confirmation of an erasure. Sent
 * straight to the broker and waited for: a failed send fails the handling of the request, which is then retried; and
 * a lost answer is asked for again by the customer subgraph, so no outbox is needed.
 */
public class PrivacyReplies {
    /** Characters of JSON per chunk (at most 3 bytes each in UTF-8: under 600 KB). */
    static final int CHUNK = 200_000;
    private static final long SEND_TIMEOUT_MS = 10_000;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final MessagePublisher publisher;
    private final String source;

    /** @param source this subgraph's name in the privacy requests ({@code orders}, {@code wallet}, ...) */
    public PrivacyReplies(MessagePublisher publisher, String source) {
        this.publisher = publisher;
        this.source = source;
    }

    public String source() {
        return source;
    }

    /** Sends this subgraph's part of export {@code exportId}: {@code data} as JSON (records, maps, lists, java.time). */
    public void sendExportPart(String customerId, String exportId, Object data) {
        String json = JSON.writeValueAsString(data);
        List<String> chunks = chunks(json);
        for (int i = 0; i < chunks.size(); i++) {
            publisher.publishAndWait(Topics.PRIVACY_REPLIES,
                    new PrivacyReply.DataExportPart(customerId, exportId, source, i, chunks.size(), chunks.get(i)), SEND_TIMEOUT_MS);
        }
    }

    /** Confirms that this subgraph erased (or anonymised) what it held of the customer; {@code detail} is for the audit. */
    public void sendErasureCompleted(String customerId, String detail) {
        publisher.publishAndWait(Topics.PRIVACY_REPLIES, new PrivacyReply.ErasureCompleted(customerId, source, detail), SEND_TIMEOUT_MS);
    }

    static List<String> chunks(String json) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < json.length(); ) {
            int end = Math.min(json.length(), i + CHUNK);
            // never split a surrogate pair between two chunks
            if (end < json.length() && Character.isHighSurrogate(json.charAt(end - 1))) end--;
            out.add(json.substring(i, end));
            i = end;
        }
        if (out.isEmpty()) out.add(json);
        return out;
    }
}
