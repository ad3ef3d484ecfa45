package io.wolfpack.images.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.wolfpack.core.spec.ImageReference;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * One registry, spoken to over the distribution HTTP API v2 ({@code /v2/...}) with the JDK's
 * HttpClient. No authentication: meant for plain-HTTP registries on loopback or test hosts; a 401
 * is reported as such. Every failure is a {@link RegistryException} naming the method, URL,
 * status and the registry's error text. Thread-safe.
 */
public final class RegistryClient {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);
    private static final String ACCEPT_MANIFESTS = String.join(", ", MediaTypes.DOCKER_MANIFEST, MediaTypes.OCI_MANIFEST,
            MediaTypes.DOCKER_MANIFEST_LIST, MediaTypes.OCI_INDEX);
    private static final String DIGEST_HEADER = "Docker-Content-Digest";

    private final URI base;
    private final Duration timeout;
    private final HttpClient http;

    /** {@code base} is the registry's root, e.g. {@code http://127.0.0.1:5000}. */
    public RegistryClient(URI base) {
        this(base, DEFAULT_TIMEOUT);
    }

    public RegistryClient(URI base, Duration timeout) {
        if (base == null || base.getHost() == null
                || !("http".equals(base.getScheme()) || "https".equals(base.getScheme()))
                || !(base.getRawPath() == null || base.getRawPath().isEmpty() || base.getRawPath().equals("/"))
                || base.getRawQuery() != null) {
            throw new IllegalArgumentException("registry base URI '" + base + "' must be http(s)://host[:port] with no path, e.g. http://127.0.0.1:5000");
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("registry timeout " + timeout + " must be positive");
        }
        this.base = URI.create(base.getScheme() + "://" + base.getRawAuthority() + "/");
        this.timeout = timeout;
        // HTTP/1.1: plain-HTTP registries do not speak h2c, and the upgrade attempt only adds noise.
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    public URI base() {
        return base;
    }

    /** host[:port] as it appears in image names, e.g. "127.0.0.1:5000". */
    public String host() {
        return base.getRawAuthority();
    }

    /** The manifest {@code reference} (a tag or a digest) of {@code repository}; an index is refused as UNSUPPORTED. */
    public Manifest manifest(String repository, String reference) {
        URI url = url(repository, "/manifests/" + checkReference(repository, reference));
        HttpResponse<byte[]> response = send(get(url).header("Accept", ACCEPT_MANIFESTS).build(), "GET");
        expect(response, "GET", 200);
        String digest = response.headers().firstValue(DIGEST_HEADER).orElse(null);
        try {
            Manifest manifest = Manifest.parse(response.body(), response.headers().firstValue("Content-Type").orElse(null), null);
            if (digest != null && !digest.equals(manifest.digest())) {
                throw new RegistryException(RegistryException.Kind.FAILED, 200, url, "GET " + url + ": the registry says the manifest's digest is "
                        + digest + " but its bytes hash to " + manifest.digest());
            }
            return manifest;
        } catch (UnsupportedManifestException e) {
            throw new RegistryException(RegistryException.Kind.UNSUPPORTED, 200, url, repository + ":" + reference + " " + e.getMessage()
                    + " (GET " + url + ")", e);
        } catch (IllegalArgumentException e) {
            throw new RegistryException(RegistryException.Kind.FAILED, 200, url, "GET " + url + ": malformed manifest: " + e.getMessage(), e);
        }
    }

    /** The manifest digest {@code tag} points at now, or empty when the tag (or repository) does not exist. */
    public Optional<String> tagDigest(String repository, String tag) {
        URI url = url(repository, "/manifests/" + checkReference(repository, tag));
        HttpResponse<byte[]> response = send(head(url).header("Accept", ACCEPT_MANIFESTS).build(), "HEAD");
        if (response.statusCode() == 404) return Optional.empty();
        expect(response, "HEAD", 200);
        Optional<String> digest = response.headers().firstValue(DIGEST_HEADER);
        if (digest.isPresent()) return digest;
        // A registry that leaves the header out still answers GET; the digest is over those bytes.
        return Optional.of(manifest(repository, tag).digest());
    }

    /** The bytes of a blob, checked against its digest. */
    public byte[] blob(String repository, String digest) {
        URI url = url(repository, "/blobs/" + Descriptor.requireDigest("blob digest", digest));
        HttpResponse<byte[]> response = send(get(url).build(), "GET");
        expect(response, "GET", 200);
        String actual = Manifest.sha256(response.body());
        if (!actual.equals(digest)) {
            throw new RegistryException(RegistryException.Kind.FAILED, 200, url, "GET " + url + ": the blob's bytes hash to " + actual);
        }
        return response.body();
    }

    /** An image config blob as a JSON tree. */
    public JsonNode configBlob(String repository, String digest) {
        byte[] bytes = blob(repository, digest);
        try {
            JsonNode tree = Manifest.MAPPER.readTree(bytes);
            if (tree == null || !tree.isObject()) throw new IOException("not a JSON object");
            return tree;
        } catch (IOException e) {
            URI url = url(repository, "/blobs/" + digest);
            throw new RegistryException(RegistryException.Kind.FAILED, 200, url, "GET " + url + ": the image config is not a JSON object: " + e.getMessage(), e);
        }
    }

    public boolean blobExists(String repository, String digest) {
        URI url = url(repository, "/blobs/" + Descriptor.requireDigest("blob digest", digest));
        HttpResponse<byte[]> response = send(head(url).build(), "HEAD");
        if (response.statusCode() == 404) return false;
        expect(response, "HEAD", 200);
        return true;
    }

    /**
     * Makes blob {@code digest} of {@code fromRepository} available in {@code targetRepository}:
     * a cross-repository mount when the registry agrees (201), otherwise (202, the registry opened
     * an upload instead) a streamed copy into that upload.
     */
    public BlobTransfer mountBlob(String targetRepository, String digest, String fromRepository) {
        checkRepository(fromRepository);
        URI url = url(targetRepository, "/blobs/uploads/?mount=" + encode(Descriptor.requireDigest("blob digest", digest))
                + "&from=" + encode(fromRepository));
        HttpResponse<byte[]> response = send(post(url), "POST");
        if (response.statusCode() == 201) return BlobTransfer.MOUNTED;
        expect(response, "POST", 202);
        streamBlob(fromRepository, digest, uploadLocation(response, url));
        return BlobTransfer.COPIED;
    }

    /** Copies a blob from one repository to another through this client, without a mount. */
    public void copyBlob(String targetRepository, String digest, String fromRepository) {
        checkRepository(fromRepository);
        streamBlob(fromRepository, digest, startUpload(targetRepository));
    }

    /** Uploads {@code bytes} as one blob (monolithic: POST then PUT); returns its digest. */
    public String putBlob(String repository, byte[] bytes) {
        String digest = Manifest.sha256(bytes);
        URI url = withDigest(startUpload(repository), digest);
        HttpResponse<byte[]> response = send(HttpRequest.newBuilder(url).timeout(timeout)
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), "PUT");
        expect(response, "PUT", 201);
        return digest;
    }

    /** Stores a manifest under {@code tag}; returns its digest. Its blobs must already be in {@code repository}. */
    public String putManifest(String repository, String tag, byte[] bytes, String mediaType) {
        if (!MediaTypes.MANIFESTS.contains(mediaType) && !MediaTypes.isIndex(mediaType)) {
            throw new IllegalArgumentException("manifest media type '" + mediaType + "' is not one of " + MediaTypes.MANIFESTS + " or " + MediaTypes.INDEXES);
        }
        URI url = url(repository, "/manifests/" + checkReference(repository, tag));
        HttpResponse<byte[]> response = send(HttpRequest.newBuilder(url).timeout(timeout).header("Content-Type", mediaType)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), "PUT");
        expect(response, "PUT", 201);
        String digest = Manifest.sha256(bytes);
        String said = response.headers().firstValue(DIGEST_HEADER).orElse(digest);
        if (!said.equals(digest)) {
            throw new RegistryException(RegistryException.Kind.FAILED, 201, url, "PUT " + url + ": the registry stored the manifest as "
                    + said + " but its bytes hash to " + digest);
        }
        return digest;
    }

    // --- uploads ---

    private URI startUpload(String repository) {
        URI url = url(repository, "/blobs/uploads/");
        HttpResponse<byte[]> response = send(post(url), "POST");
        expect(response, "POST", 202);
        return uploadLocation(response, url);
    }

    /** GETs the blob from the source and PUTs it into the upload as it arrives, with its length known. */
    private void streamBlob(String fromRepository, String digest, URI upload) {
        URI source = url(fromRepository, "/blobs/" + digest);
        HttpResponse<InputStream> in = sendStreaming(get(source).build());
        try (InputStream body = in.body()) {
            if (in.statusCode() != 200) check(in.statusCode(), in.uri(), in.headers(), body.readAllBytes(), "GET", 200);
            long length = in.headers().firstValueAsLong("Content-Length").orElse(-1);
            HttpRequest.BodyPublisher publisher = length >= 0
                    ? HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> body), length)
                    : HttpRequest.BodyPublishers.ofInputStream(() -> body);
            URI put = withDigest(upload, digest);
            HttpResponse<byte[]> response = send(HttpRequest.newBuilder(put).timeout(timeout)
                    .header("Content-Type", "application/octet-stream").PUT(publisher).build(), "PUT");
            expect(response, "PUT", 201);
        } catch (IOException e) {
            throw new RegistryException(RegistryException.Kind.UNREACHABLE, 0, source, "copying blob " + digest + " from " + source
                    + " to " + upload + " failed: " + e.getMessage(), e);
        }
    }

    private URI uploadLocation(HttpResponse<byte[]> response, URI url) {
        String location = response.headers().firstValue("Location").orElseThrow(() -> new RegistryException(
                RegistryException.Kind.FAILED, response.statusCode(), url, "POST " + url + ": the registry opened an upload but sent no Location"));
        return base.resolve(location);  // absolute or relative (http.relativeurls), both allowed
    }

    private static URI withDigest(URI upload, String digest) {
        String u = upload.toString();
        return URI.create(u + (upload.getRawQuery() == null ? "?" : "&") + "digest=" + encode(digest));
    }

    // --- HTTP plumbing ---

    private URI url(String repository, String rest) {
        return base.resolve("/v2/" + checkRepository(repository) + rest);
    }

    private HttpRequest.Builder get(URI url) {
        return HttpRequest.newBuilder(url).timeout(timeout).GET();
    }

    private HttpRequest.Builder head(URI url) {
        return HttpRequest.newBuilder(url).timeout(timeout).method("HEAD", HttpRequest.BodyPublishers.noBody());
    }

    private HttpRequest post(URI url) {
        return HttpRequest.newBuilder(url).timeout(timeout).POST(HttpRequest.BodyPublishers.noBody()).build();
    }

    private HttpResponse<byte[]> send(HttpRequest request, String method) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw unreachable(method, request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unreachable(method, request.uri(), e);
        }
    }

    private HttpResponse<InputStream> sendStreaming(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw unreachable("GET", request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unreachable("GET", request.uri(), e);
        }
    }

    private static RegistryException unreachable(String method, URI url, Exception e) {
        String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
        return new RegistryException(RegistryException.Kind.UNREACHABLE, 0, url, method + " " + url + " got no answer: " + why, e);
    }

    private static void expect(HttpResponse<byte[]> response, String method, int wanted) {
        check(response.statusCode(), response.uri(), response.headers(), response.body(), method, wanted);
    }

    private static void check(int status, URI uri, HttpHeaders headers, byte[] body, String method, int wanted) {
        if (status == wanted) return;
        RegistryException.Kind kind = switch (status) {
            case 401, 403 -> RegistryException.Kind.UNAUTHORIZED;
            case 404 -> RegistryException.Kind.NOT_FOUND;
            default -> RegistryException.Kind.FAILED;
        };
        StringBuilder message = new StringBuilder(method).append(' ').append(uri).append(" failed: ").append(status);
        String errors = RegistryErrors.describe(body);
        if (!errors.isEmpty()) message.append(' ').append(errors);
        if (kind == RegistryException.Kind.UNAUTHORIZED) {
            message.append("; the registry wants credentials");
            headers.firstValue("WWW-Authenticate").ifPresent(h -> message.append(" (WWW-Authenticate: ").append(h).append(')'));
            message.append(", and this client sends none: use a registry without authentication");
        } else if (status / 100 == 2) {
            message.append(" (expected ").append(wanted).append(')');
        }
        throw new RegistryException(kind, status, uri, message.toString());
    }

    private static String checkRepository(String repository) {
        ImageReference ref = parse(repository, "repository");
        if (ref.registry() != null || ref.tag() != null || ref.digest() != null) {
            throw new IllegalArgumentException("repository '" + repository + "' must be a bare repository name such as apps/web "
                    + "(no registry host, tag or digest)");
        }
        return repository;
    }

    /** A tag or a digest, checked by the one image-reference grammar. */
    private static String checkReference(String repository, String reference) {
        if (reference == null || reference.isEmpty()) throw new IllegalArgumentException("reference of " + repository + " must be a tag or a digest");
        parse(repository + (reference.startsWith("sha256:") ? "@" : ":") + reference, "reference");
        return reference;
    }

    private static ImageReference parse(String text, String field) {
        try {
            return ImageReference.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + " '" + text + "': " + e.getMessage(), e);
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
