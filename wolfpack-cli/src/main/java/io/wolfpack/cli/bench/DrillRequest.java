package io.wolfpack.cli.bench;

/**
 * One GET the drill's load sent through the router. Times are {@link System#nanoTime()} values.
 *
 * @param status   the HTTP status, 0 when no response came (timeout, connection error)
 * @param instance the instance that answered (from the demo page), null when none did
 * @param error    why it failed, null when it succeeded
 */
record DrillRequest(long startNanos, long endNanos, int status, String instance, String error) {
    boolean ok() {
        return status >= 200 && status < 300;
    }

    long latencyNanos() {
        return endNanos - startNanos;
    }
}
