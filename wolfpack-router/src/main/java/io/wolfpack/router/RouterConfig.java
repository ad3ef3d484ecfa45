package io.wolfpack.router;

/**
 * How a {@link Router} listens and bounds requests. Validated once here, so the proxy code can
 * trust every field.
 *
 * @param host                 address to bind; 127.0.0.1 unless told otherwise
 * @param port                 port to bind; 0 picks a free one ({@link Router#port()} tells which)
 * @param maxHeaderBytes       largest request header block accepted; above it the answer is 431
 * @param maxInitialLineBytes  largest request line accepted; above it the answer is 414
 * @param defaultTimeoutMillis how long to wait for an upstream response when a route sets none
 * @param ioThreads            event loop threads; 0 means one per CPU core
 * @param accessLog            where to write one line per request; {@link AccessLogConfig#OFF} (the default) for nowhere
 */
public record RouterConfig(String host, int port, int maxHeaderBytes, int maxInitialLineBytes,
                           long defaultTimeoutMillis, int ioThreads, AccessLogConfig accessLog) {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 7780;

    public RouterConfig {
        if (host == null || host.isBlank()) host = DEFAULT_HOST;
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("router port " + port + " is out of range; use 0-65535 (0 picks a free port)");
        }
        if (maxHeaderBytes < 1024 || maxHeaderBytes > 1024 * 1024) {
            throw new IllegalArgumentException("router maxHeaderBytes " + maxHeaderBytes + " is out of range; use 1024-1048576");
        }
        if (maxInitialLineBytes < 256 || maxInitialLineBytes > 1024 * 1024) {
            throw new IllegalArgumentException("router maxInitialLineBytes " + maxInitialLineBytes
                    + " is out of range; use 256-1048576");
        }
        if (defaultTimeoutMillis < 1) {
            throw new IllegalArgumentException("router defaultTimeoutMillis " + defaultTimeoutMillis + " must be at least 1");
        }
        if (ioThreads < 0 || ioThreads > 1024) {
            throw new IllegalArgumentException("router ioThreads " + ioThreads + " is out of range; use 0-1024 (0 = one per CPU core)");
        }
        if (accessLog == null) accessLog = AccessLogConfig.OFF;
    }

    /** Without an access log. */
    public RouterConfig(String host, int port, int maxHeaderBytes, int maxInitialLineBytes, long defaultTimeoutMillis,
                        int ioThreads) {
        this(host, port, maxHeaderBytes, maxInitialLineBytes, defaultTimeoutMillis, ioThreads, AccessLogConfig.OFF);
    }

    /** 127.0.0.1:7780, 16 KiB of headers, 8 KiB request line, 30 s upstream timeout, one thread per core, no access log. */
    public static RouterConfig defaults() {
        return new RouterConfig(DEFAULT_HOST, DEFAULT_PORT, 16 * 1024, 8 * 1024, 30_000, 0);
    }

    public RouterConfig withHost(String newHost) {
        return new RouterConfig(newHost, port, maxHeaderBytes, maxInitialLineBytes, defaultTimeoutMillis, ioThreads, accessLog);
    }

    public RouterConfig withPort(int newPort) {
        return new RouterConfig(host, newPort, maxHeaderBytes, maxInitialLineBytes, defaultTimeoutMillis, ioThreads, accessLog);
    }

    public RouterConfig withAccessLog(AccessLogConfig newAccessLog) {
        return new RouterConfig(host, port, maxHeaderBytes, maxInitialLineBytes, defaultTimeoutMillis, ioThreads, newAccessLog);
    }

    /** The thread count to use: {@link #ioThreads}, or the number of cores when it is 0. */
    int effectiveIoThreads() {
        return ioThreads > 0 ? ioThreads : Runtime.getRuntime().availableProcessors();
    }
}
