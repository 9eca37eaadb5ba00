package com.shopbff.contracts;

/**
 * Replies on {@link Topics#PRIVACY_REPLIES}, keyed by customer id: each subgraph's answer to a
 * {@link CustomerEvent.DataExportRequested} or a {@link CustomerEvent.CustomerDeleted}, collected by the customer
 * subgraph, which assembles exports and keeps the privacy audit.
 */
public sealed interface PrivacyReply extends Message permits PrivacyReply.DataExportPart, PrivacyReply.ErasureCompleted {
    String customerId();

    @Override
    default String key() { return customerId(); }

    /**
     * One chunk of a subgraph's part of an export: {@code data} is a piece of the JSON text of that part; the chunks
     * 0..chunkCount-1 of a source, concatenated, are one JSON value. Chunks keep a message well under Kafka's 1 MB.
     */
    record DataExportPart(String customerId, String exportId, String source, int chunk, int chunkCount, String data)
            implements PrivacyReply {}

    /** A subgraph has erased or anonymised what it held of the customer; {@code detail} says what, for the audit. */
    record ErasureCompleted(String customerId, String source, String detail) implements PrivacyReply {}
}
