package io.wolfpack.agent.health;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/** GET http://host:port/path; a 2xx or 3xx answer within the timeout passes. */
public final class HttpCheck implements HealthCheck {
    private final HttpClient client;
    private final URI uri;
    private final Duration timeout;

    public HttpCheck(HttpClient client, String host, int port, String path, Duration timeout) {
        this.client = client;
        String p = path == null || path.isEmpty() ? "/" : path.startsWith("/") ? path : "/" + path;
        this.uri = URI.create("http://" + host + ":" + port + p);
        this.timeout = timeout;
    }

    /** A client for checks: no redirects followed (a 3xx already passes), short connect timeout. */
    public static HttpClient newClient() {
        return HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(2)).build();
    }

    public URI uri() {
        return uri;
    }

    @Override
    public CheckResult run() {
        try {
            HttpResponse<Void> resp = client.send(HttpRequest.newBuilder(uri).timeout(timeout).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            int code = resp.statusCode();
            String detail = "GET " + uri + " returned " + code;
            return code >= 200 && code < 400 ? CheckResult.pass(detail) : CheckResult.fail(detail);
        } catch (HttpTimeoutException e) {
            return CheckResult.fail("GET " + uri + " timed out after " + timeout.toMillis() + "ms");
        } catch (IOException e) {
            return CheckResult.fail("GET " + uri + " failed: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CheckResult.fail("GET " + uri + " was interrupted");
        }
    }
}
