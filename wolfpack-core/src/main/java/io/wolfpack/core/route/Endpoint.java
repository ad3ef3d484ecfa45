package io.wolfpack.core.route;

/** One place traffic can go; {@code instance} is null for static (non-Wolfpack) backends. */
public record Endpoint(String host, int port, String instance) {
    public String address() {
        return host + ":" + port;
    }
}
