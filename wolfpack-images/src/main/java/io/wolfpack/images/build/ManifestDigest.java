package io.wolfpack.images.build;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Asks a registry for the digest behind a tag: {@code HEAD /v2/NAME/manifests/TAG} accepting the
 * Docker schema 2 and OCI manifest types, answered in the {@code Docker-Content-Digest} header.
 * Plain HTTP: used for the loopback/test registries Docker itself trusts without TLS.
 */
final class ManifestDigest {
    private static final String ACCEPT = "application/vnd.docker.distribution.manifest.v2+json, "
            + "application/vnd.oci.image.manifest.v1+json";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ManifestDigest() {
    }

    static String of(String registry, String name, String tag) throws IOException {
        URI uri = URI.create("http://" + registry + "/v2/" + name + "/manifests/" + tag);
        HttpRequest request = HttpRequest.newBuilder(uri).method("HEAD", HttpRequest.BodyPublishers.noBody())
                .header("Accept", ACCEPT).timeout(Duration.ofSeconds(30)).build();
        try {
            HttpResponse<Void> response = HTTP.send(request, HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() != 200) throw new IOException("HEAD " + uri + " answered " + response.statusCode());
            return response.headers().firstValue("Docker-Content-Digest")
                    .orElseThrow(() -> new IOException(uri + " answered without a Docker-Content-Digest header"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while asking " + uri, e);
        }
    }
}
