package io.wolfpack.router.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks, before anything is measured, that a proxy really answers through the backends: a few
 * plain GETs must all be 200 with a backend's body, and every backend must have answered one.
 * A misrouted proxy answering fast 404s would otherwise win the benchmark.
 */
final class Probe {
    private Probe() {
    }

    /** Throws IllegalStateException naming the proxy and what it answered when it does not proxy properly. */
    static void check(String proxy, int port, int backends) throws IOException {
        Set<String> seen = new TreeSet<>();
        for (int i = 0; i < backends * 3 && seen.size() < backends; i++) {
            String response = get(port);
            String body = response.substring(response.indexOf("\r\n\r\n") + 4);
            if (!response.startsWith("HTTP/1.1 200") || !body.startsWith(NginxConfig.BODY_PREFIX)) {
                throw new IllegalStateException(proxy + " on 127.0.0.1:" + port + " did not answer with a backend's 200; it sent:\n"
                        + response.strip());
            }
            seen.add(body.strip());
        }
        if (seen.size() < backends) {
            throw new IllegalStateException(proxy + " reached only " + seen + " of " + backends + " backends in " + backends * 3
                    + " requests; it should spread requests over all of them");
        }
    }

    private static String get(int port) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            s.setSoTimeout(5000);
            String request = "GET / HTTP/1.1\r\nHost: " + NginxConfig.HOST + "\r\nConnection: close\r\n\r\n";
            s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
