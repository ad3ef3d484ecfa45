package io.wolfpack.router;

/**
 * Whether and where the router writes its access log (format in docs/ROUTER.md and
 * {@link AccessLogEntry#format}). Off unless a destination is given.
 *
 * @param destination a file to append to, {@value #STDOUT} for standard output, or null for no access log
 * @param queueLines  lines that may wait for the writer thread; when that many wait, further lines are
 *                    dropped and counted in {@code wolfpack_router_access_log_dropped_total}
 */
public record AccessLogConfig(String destination, int queueLines) {
    public static final String STDOUT = "-";
    public static final int DEFAULT_QUEUE_LINES = 16_384;
    public static final AccessLogConfig OFF = new AccessLogConfig(null, DEFAULT_QUEUE_LINES);

    public AccessLogConfig {
        if (destination != null && destination.isBlank()) {
            throw new IllegalArgumentException("access log destination is blank; give a file path, or '-' for standard output");
        }
        if (queueLines < 1 || queueLines > 1024 * 1024) {
            throw new IllegalArgumentException("access log queueLines " + queueLines + " is out of range; use 1-1048576");
        }
    }

    /** An access log written to {@code destination}: a file path, or "-" for standard output. */
    public static AccessLogConfig to(String destination) {
        if (destination == null) throw new IllegalArgumentException("access log destination is missing; give a file path, or '-'");
        return new AccessLogConfig(destination, DEFAULT_QUEUE_LINES);
    }

    public boolean enabled() {
        return destination != null;
    }

    boolean toStdout() {
        return STDOUT.equals(destination);
    }
}
