package io.wolfpack.router;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** A plain-socket HTTP/1.1 client, for tests that need exact bytes, Host headers and connection reuse. */
final class RawHttp implements Closeable {
    record Response(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    RawHttp(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(15_000);
        in = new java.io.BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    void send(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    Response get(String host, String path) throws IOException {
        send("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\n\r\n");
        return read();
    }

    /** Reads one response: status, headers and a body framed by Content-Length, chunks or close. */
    Response read() throws IOException {
        String status = line();
        if (status == null) throw new IOException("connection closed before a response");
        Map<String, String> headers = readHeaders();
        String body;
        if (headers.containsKey("content-length")) {
            body = new String(in.readNBytes(Integer.parseInt(headers.get("content-length"))), StandardCharsets.UTF_8);
        } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            while (true) {
                int size = Integer.parseInt(line().trim(), 16);
                if (size == 0) {
                    readHeaders(); // trailers
                    break;
                }
                buf.write(in.readNBytes(size));
                line();
            }
            body = buf.toString(StandardCharsets.UTF_8);
        } else {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        return new Response(Integer.parseInt(status.split(" ")[1]), headers, body);
    }

    /** Reads a response head only, leaving the body in the stream. */
    Response readHead() throws IOException {
        String status = line();
        if (status == null) throw new IOException("connection closed before a response");
        return new Response(Integer.parseInt(status.split(" ")[1]), readHeaders(), "");
    }

    /** Bytes until the peer closes; -1 when the read timed out instead. */
    long drainUntilClosed() throws IOException {
        long n = 0;
        byte[] buf = new byte[8192];
        try {
            int r;
            while ((r = in.read(buf)) >= 0) n += r;
            return n;
        } catch (SocketTimeoutException e) {
            return -1;
        }
    }

    /** True when the peer closed the connection (end of stream or reset). */
    boolean closedByPeer() {
        try {
            return in.read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    private Map<String, String> readHeaders() throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        String l;
        while ((l = line()) != null && !l.isEmpty()) {
            int colon = l.indexOf(':');
            headers.put(l.substring(0, colon).trim().toLowerCase(Locale.ROOT), l.substring(colon + 1).trim());
        }
        return headers;
    }

    private String line() throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                int len = sb.length();
                if (len > 0 && sb.charAt(len - 1) == '\r') sb.setLength(len - 1);
                return sb.toString();
            }
            sb.append((char) c);
        }
        return sb.length() == 0 ? null : sb.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
