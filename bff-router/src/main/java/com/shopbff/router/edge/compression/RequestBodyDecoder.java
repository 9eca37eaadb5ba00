package com.shopbff.router.edge.compression;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipException;

/**
 * Decodes a request body sent with {@code Content-Encoding} (gzip or deflate, one coding). The decompressed size is
 * bounded while inflating: a zip bomb stops at the limit, so it costs no more memory than a plain body of the limit.
 */
public final class RequestBodyDecoder {
    private RequestBodyDecoder() {
    }

    /** The outcome: the decoded bytes, or why not. */
    public sealed interface Result permits Decoded, TooLarge, Unsupported, Malformed {
    }

    public record Decoded(byte[] bytes) implements Result {
    }

    /** Decompressed beyond the limit. */
    public record TooLarge(long limit) implements Result {
    }

    /** A coding the router does not decode (or several stacked codings). */
    public record Unsupported(String coding) implements Result {
    }

    /** Not valid data of the declared coding. */
    public record Malformed(String problem) implements Result {
    }

    /** Whether a {@code Content-Encoding} value means "as is". */
    public static boolean identity(String contentEncoding) {
        return contentEncoding == null || contentEncoding.isBlank()
                || contentEncoding.trim().equalsIgnoreCase("identity");
    }

    /**
     * Decodes {@code body} per {@code contentEncoding}.
     *
     * @param maxBytes largest decoded size (0 = unlimited)
     */
    public static Result decode(String contentEncoding, byte[] body, long maxBytes) {
        if (identity(contentEncoding)) return new Decoded(body);
        String coding = contentEncoding.trim().toLowerCase(Locale.ROOT);
        if (coding.contains(",")) return new Unsupported(contentEncoding.trim());
        InputStream in;
        try {
            in = switch (coding) {
                case "gzip", "x-gzip" -> new GZIPInputStream(new ByteArrayInputStream(body), 8192);
                case "deflate" -> new InflaterInputStream(new ByteArrayInputStream(body));
                default -> null;
            };
        } catch (ZipException e) {
            return new Malformed("the body is not valid " + coding + " data");
        } catch (IOException e) {
            return new Malformed("the body is not valid " + coding + " data (truncated)");
        }
        if (in == null) return new Unsupported(contentEncoding.trim());
        try (in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(body.length * 4 + 64, 1 << 20));
            byte[] buf = new byte[8192];
            long total = 0;
            int n;
            while ((n = in.read(buf)) > 0) {
                total += n;
                if (maxBytes > 0 && total > maxBytes) return new TooLarge(maxBytes);
                out.write(buf, 0, n);
            }
            return new Decoded(out.toByteArray());
        } catch (ZipException e) {
            return new Malformed("the body is not valid " + coding + " data");
        } catch (IOException e) {
            return new Malformed("the body is not valid " + coding + " data (truncated)");
        }
    }
}
