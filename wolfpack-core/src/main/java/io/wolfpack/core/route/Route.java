package io.wolfpack.core.route;

import java.util.List;

/**
 * Requests whose Host matches {@code host} (exact, or "*.example.com") and whose path starts with
 * {@code path} go to one of {@code backends}, chosen by weight. {@code timeoutMillis} bounds the
 * wait for an upstream response.
 */
public record Route(String name, String host, String path, long timeoutMillis, List<Backend> backends) {
    public Route {
        backends = backends == null ? List.of() : List.copyOf(backends);
    }
}
