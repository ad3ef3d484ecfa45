package io.wolfpack.router.bench;

import java.nio.file.Path;
import java.util.List;

/**
 * The two nginx configurations of the benchmark, as text: the three backends, and nginx as the
 * reverse proxy the router is compared with. Pure, so the settings that make the comparison fair
 * can be read (and tested) in one place. Both run in the foreground under their own prefix, with
 * every path (pid, logs, temp files) inside it and every port on 127.0.0.1.
 */
final class NginxConfig {
    /** The virtual host both proxies serve; wrk sends it as the Host header. */
    static final String HOST = "bench.local";
    /** What backend N answers: small and fixed, so the proxies, not the backends, are measured. */
    static final String BODY_PREFIX = "ok from backend ";
    /**
     * Idle upstream connections nginx may keep per worker. The router keeps up to 128 per endpoint
     * and event loop (UpstreamPool.MAX_IDLE_PER_ENDPOINT), i.e. 384 for three backends.
     */
    static final int UPSTREAM_KEEPALIVE = 384;
    /**
     * Every listen socket is one per worker ({@code reuseport}, SO_REUSEPORT), so the kernel spreads
     * new connections over the workers by their addresses. Without it the idle worker that
     * EPOLLEXCLUSIVE wakes takes a burst of connections: in session 6 one backend worker held 52-56
     * of the router's ~60 upstream connections (the other 6-8) and capped the round, and in one
     * round a single nginx proxy worker served all 32 clients. The router spreads its clients over
     * its event loops itself; this gives nginx the same, and both proxies evenly loaded backends.
     */
    static final String LISTEN_OPTIONS = " reuseport";

    private NginxConfig() {
    }

    /** Three servers on {@code ports}, each answering 200 with {@link #body}. */
    static String backends(Path prefix, String workers, List<Integer> ports) {
        StringBuilder b = new StringBuilder(common(prefix, workers));
        for (int i = 0; i < ports.size(); i++) {
            b.append("    server {\n")
                    .append("        listen 127.0.0.1:").append(ports.get(i)).append(LISTEN_OPTIONS).append(";\n")
                    .append("        location / { return 200 \"").append(body(i + 1).replace("\n", "\\n")).append("\"; }\n")
                    .append("    }\n");
        }
        return b.append("}\n").toString();
    }

    /**
     * nginx as a reverse proxy to {@code backendPorts}, set up as an operator would for speed:
     * pooled HTTP/1.1 upstream connections (keepalive, proxy_http_version 1.1, an empty Connection
     * header), no access log, no per-connection request limit, and the same X-Forwarded-* headers
     * the router adds, so both proxies do the same work per request.
     */
    static String proxy(Path prefix, String workers, int port, List<Integer> backendPorts) {
        StringBuilder b = new StringBuilder(common(prefix, workers));
        b.append("    upstream backends {\n");
        for (int p : backendPorts) b.append("        server 127.0.0.1:").append(p).append(";\n");
        b.append("        keepalive ").append(UPSTREAM_KEEPALIVE).append(";\n")
                .append("        keepalive_requests 1000000;\n")
                .append("        keepalive_timeout 30s;\n") // the router's upstream idle timeout
                .append("    }\n")
                .append("    server {\n")
                .append("        listen 127.0.0.1:").append(port).append(LISTEN_OPTIONS).append(";\n")
                .append("        server_name ").append(HOST).append(";\n")
                .append("        location / {\n")
                .append("            proxy_pass http://backends;\n")
                .append("            proxy_http_version 1.1;\n")
                .append("            proxy_set_header Connection \"\";\n")
                .append("            proxy_set_header Host $http_host;\n")
                .append("            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;\n")
                .append("            proxy_set_header X-Forwarded-Proto $scheme;\n")
                .append("            proxy_set_header X-Forwarded-Host $host;\n")
                .append("        }\n")
                .append("    }\n");
        return b.append("}\n").toString();
    }

    static String body(int backend) {
        return BODY_PREFIX + backend + "\n";
    }

    /** Everything but the servers; leaves the http block open. */
    private static String common(Path prefix, String workers) {
        String p = prefix.toAbsolutePath().toString();
        return "# written by io.wolfpack.router.bench.RouterBenchmark; removed with its temp directory\n"
                + "daemon off;\n"
                + "master_process on;\n"
                + "worker_processes " + workers + ";\n"
                + "worker_rlimit_nofile 16384;\n"
                + "pid " + p + "/nginx.pid;\n"
                + "error_log " + p + "/error.log warn;\n"
                + "events {\n"
                + "    worker_connections 8192;\n"
                + "}\n"
                + "http {\n"
                + "    access_log off;\n"
                + "    server_tokens off;\n"
                + "    default_type text/plain;\n"
                + "    keepalive_timeout 75s;\n" // the router's client idle timeout
                + "    keepalive_requests 1000000;\n" // nginx closes after 1000 by default; the router never does
                + "    client_body_temp_path " + p + "/body-temp;\n"
                + "    proxy_temp_path " + p + "/proxy-temp;\n"
                + "    fastcgi_temp_path " + p + "/fastcgi-temp;\n"
                + "    uwsgi_temp_path " + p + "/uwsgi-temp;\n"
                + "    scgi_temp_path " + p + "/scgi-temp;\n";
    }
}
