package io.wolfpack.router;

import java.net.SocketAddress;

/**
 * What the access log needs of a request, taken when its head arrives, before the router rewrites it.
 *
 * @param method     method as sent, or null for a request too malformed to have one
 * @param uri        request target as sent, or null
 * @param client     the client connection's remote address
 * @param startNanos {@link System#nanoTime()} when the head arrived
 */
record RequestInfo(String method, String uri, SocketAddress client, long startNanos) {
}
