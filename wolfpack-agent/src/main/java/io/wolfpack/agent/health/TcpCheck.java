package io.wolfpack.agent.health;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

/** A TCP connect to host:port within the timeout passes. */
public final class TcpCheck implements HealthCheck {
    private final String host;
    private final int port;
    private final Duration timeout;

    public TcpCheck(String host, int port, Duration timeout) {
        this.host = host;
        this.port = port;
        this.timeout = timeout;
    }

    @Override
    public CheckResult run() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), (int) Math.max(1, timeout.toMillis()));
            return CheckResult.pass("connected to " + host + ":" + port);
        } catch (IOException e) {
            return CheckResult.fail("TCP connect to " + host + ":" + port + " failed: "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
    }
}
