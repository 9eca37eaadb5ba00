package com.shopbff.router.edge;

import com.github.luben.zstd.Zstd;
import com.shopbff.router.json.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.*;

/** Response compression as negotiated, and compressed request bodies with the size limit after decompression. */
class CompressionTest {
    static EdgeStack stack;
    static final String BIG = "{\"query\":\"{ products(first: 100) { id name price related { id name } } }\"}";

    @BeforeAll
    static void start() {
        stack = new EdgeStack(EdgeConfig.DEFAULTS);
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    private static HttpResponse<byte[]> post(byte[] body, Map<String, String> headers) {
        Map<String, String> h = new java.util.HashMap<>(headers);
        h.put("content-type", "application/json");
        return stack.client.bytes("POST", "/graphql", body, h);
    }

    @Test
    void gzipIsNegotiatedAndTheBodyDecompressesToTheAnswer() throws Exception {
        HttpResponse<byte[]> r = post(BIG.getBytes(StandardCharsets.UTF_8), Map.of("accept-encoding", "gzip"));
        assertEquals(200, r.statusCode());
        assertEquals("gzip", r.headers().firstValue("content-encoding").orElse(null));
        byte[] plain = new GZIPInputStream(new ByteArrayInputStream(r.body())).readAllBytes();
        assertTrue(plain.length > 2 * r.body().length, "compressed " + r.body().length + " of " + plain.length);
        Object name = ((Map<?, ?>) ((java.util.List<?>) ((Map<?, ?>) ((Map<?, ?>) Json.parse(plain)).get("data"))
                .get("products")).get(99)).get("name");
        assertEquals("Product 100", name);
    }

    @Test
    void zstdIsPreferredWhenTheClientOffersIt() {
        HttpResponse<byte[]> r = post(BIG.getBytes(StandardCharsets.UTF_8), Map.of("accept-encoding", "zstd, gzip"));
        assertEquals("zstd", r.headers().firstValue("content-encoding").orElse(null));
        byte[] plain = Zstd.decompress(r.body(), 1 << 20);
        assertTrue(new String(plain, StandardCharsets.UTF_8).contains("\"Product 100\""));
    }

    @Test
    void smallResponsesAndClientsThatDoNotAskAreNotCompressed() {
        HttpResponse<byte[]> small = post("{\"query\":\"{ hello }\"}".getBytes(StandardCharsets.UTF_8), Map.of("accept-encoding", "gzip"));
        assertTrue(small.headers().firstValue("content-encoding").isEmpty());
        assertEquals("{\"data\":{\"hello\":\"world\"}}", new String(small.body(), StandardCharsets.UTF_8));
        HttpResponse<byte[]> plain = post(BIG.getBytes(StandardCharsets.UTF_8), Map.of());
        assertTrue(plain.headers().firstValue("content-encoding").isEmpty());
    }

    @Test
    void aGzipRequestBodyIsDecompressedAndRuns() throws Exception {
        HttpResponse<byte[]> r = post(gzip("{\"query\":\"{ hello }\"}".getBytes(StandardCharsets.UTF_8)),
                Map.of("content-encoding", "gzip"));
        assertEquals(200, r.statusCode());
        assertEquals("{\"data\":{\"hello\":\"world\"}}", new String(r.body(), StandardCharsets.UTF_8));
    }

    @Test
    void aZipBombIsRefusedWith413AndReachesNoSubgraph() throws Exception {
        // 64 MiB of spaces inside a JSON string compresses to about 64 KiB: far under the 2 MiB body limit compressed
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(raw)) {
            gz.write("{\"query\":\"{ hello }\",\"x\":\"".getBytes(StandardCharsets.UTF_8));
            byte[] spaces = new byte[1 << 20];
            java.util.Arrays.fill(spaces, (byte) ' ');
            for (int i = 0; i < 64; i++) gz.write(spaces);
            gz.write("\"}".getBytes(StandardCharsets.UTF_8));
        }
        assertTrue(raw.size() < 2 << 20, "the bomb is small: " + raw.size());
        int before = stack.upstreamRequests();
        HttpResponse<byte[]> r = post(raw.toByteArray(), Map.of("content-encoding", "gzip"));
        assertEquals(413, r.statusCode());
        Map<?, ?> body = (Map<?, ?>) Json.parse(r.body());
        assertEquals("PAYLOAD_TOO_LARGE", ((Map<?, ?>) ((Map<?, ?>) ((java.util.List<?>) body.get("errors")).get(0))
                .get("extensions")).get("code"));
        assertEquals(before, stack.upstreamRequests());
        // the router is fine afterwards
        assertEquals(200, post("{\"query\":\"{ hello }\"}".getBytes(StandardCharsets.UTF_8), Map.of()).statusCode());
    }

    @Test
    void stackedOrUnknownCodingsAreRefusedWith415() throws Exception {
        byte[] body = gzip("{\"query\":\"{ hello }\"}".getBytes(StandardCharsets.UTF_8));
        assertEquals(415, post(body, Map.of("content-encoding", "gzip, gzip")).statusCode());
        assertEquals(415, post(body, Map.of("content-encoding", "br")).statusCode());
    }

    static byte[] gzip(byte[] b) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(b);
        }
        return out.toByteArray();
    }
}
