package com.shopbff.router.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A WebSocket client on a plain socket that reads only when told to: after the handshake it can stop reading
 * entirely, as a stalled phone or a frozen browser tab does, so that the server's writes back up.
 */
public final class RawWebSocket implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;

    public RawWebSocket(int port, String subprotocol) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setReceiveBufferSize(16 * 1024);
        out = socket.getOutputStream();
        in = socket.getInputStream();
        byte[] key = new byte[16];
        ThreadLocalRandom.current().nextBytes(key);
        out.write(("GET /graphql HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(key) + "\r\nSec-WebSocket-Version: 13\r\n"
                + "Sec-WebSocket-Protocol: " + subprotocol + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) throw new IOException("closed during handshake: " + head);
            head.append((char) b);
        }
        if (!head.toString().startsWith("HTTP/1.1 101")) throw new IOException("handshake refused: " + head);
    }

    /** Sends one masked text frame. */
    public void sendText(String text) throws IOException {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        out.write(0x81);
        if (payload.length < 126) {
            out.write(0x80 | payload.length);
        } else {
            out.write(0x80 | 126);
            out.write(payload.length >>> 8);
            out.write(payload.length & 0xff);
        }
        out.write(mask);
        for (int i = 0; i < payload.length; i++) out.write(payload[i] ^ mask[i % 4]);
        out.flush();
    }

    /** Reads and discards until the server's close frame; returns its status code (-1 when the socket just ends). */
    public int drainUntilClose() throws IOException {
        while (true) {
            int b0 = in.read();
            if (b0 < 0) return -1;
            int b1 = in.read();
            long len = b1 & 0x7f;
            if (len == 126) len = (in.read() << 8) | in.read();
            else if (len == 127) {
                len = 0;
                for (int i = 0; i < 8; i++) len = (len << 8) | in.read();
            }
            if ((b0 & 0x0f) == 0x8) {
                if (len < 2) return 1005;
                int code = (in.read() << 8) | in.read();
                in.skipNBytes(len - 2);
                return code;
            }
            in.skipNBytes(len);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
