package com.shopbff.support.privacy;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PrivacyRepliesTest {

    @Test
    void aLongPartIsCutIntoChunksThatJoinBackToTheSameText() {
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < 30_000; i++) json.append("{\"n\":").append(i).append(",\"s\":\"Grüße 😀\"},");
        json.append("{}]");
        List<String> chunks = PrivacyReplies.chunks(json.toString());
        assertThat(chunks).hasSizeGreaterThan(2).allSatisfy(c -> assertThat(c.length()).isLessThanOrEqualTo(PrivacyReplies.CHUNK));
        assertThat(String.join("", chunks)).isEqualTo(json.toString());
        assertThat(chunks).noneMatch(c -> Character.isHighSurrogate(c.charAt(c.length() - 1)));
    }

    @Test
    void aShortPartIsOneChunk() {
        assertThat(PrivacyReplies.chunks("{}")).containsExactly("{}");
        assertThat(PrivacyReplies.chunks("")).containsExactly("");
    }
}
