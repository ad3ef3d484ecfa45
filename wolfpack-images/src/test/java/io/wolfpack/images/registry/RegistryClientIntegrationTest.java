package io.wolfpack.images.registry;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** RegistryClient against a real docker-registry (no Docker engine needed: blobs and manifests are made here). */
@Tag("integration")
class RegistryClientIntegrationTest {
    private static TestRegistry registry;
    private static RegistryClient client;

    @BeforeAll
    static void start() throws IOException {
        registry = TestRegistry.start();
        client = new RegistryClient(registry.uri());
    }

    @AfterAll
    static void stop() {
        if (registry != null) registry.close();
    }

    private static byte[] randomBlob(int size) {
        byte[] b = new byte[size];
        new Random(size).nextBytes(b);
        return b;
    }

    /** Pushes a config and one layer, then a manifest of {@code type} under {@code tag}; returns the manifest bytes. */
    private static byte[] pushImage(String repo, String tag, String type) {
        byte[] config = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}"
                .getBytes(StandardCharsets.UTF_8);
        byte[] layer = randomBlob(4096 + tag.length());
        String configDigest = client.putBlob(repo, config);
        String layerDigest = client.putBlob(repo, layer);
        boolean oci = type.equals(MediaTypes.OCI_MANIFEST);
        ObjectNode m = JsonNodeFactory.instance.objectNode().put("schemaVersion", 2).put("mediaType", type);
        m.putObject("config").put("mediaType", oci ? MediaTypes.OCI_CONFIG : MediaTypes.DOCKER_CONFIG)
                .put("digest", configDigest).put("size", config.length);
        m.putArray("layers").addObject().put("mediaType", oci ? MediaTypes.OCI_LAYER : MediaTypes.DOCKER_LAYER)
                .put("digest", layerDigest).put("size", layer.length);
        byte[] bytes = m.toString().getBytes(StandardCharsets.UTF_8);
        client.putManifest(repo, tag, bytes, type);
        return bytes;
    }

    @Test
    void pushesAndReadsBackDockerAndOciManifestsByTagAndDigest() {
        for (String type : new String[]{MediaTypes.DOCKER_MANIFEST, MediaTypes.OCI_MANIFEST}) {
            String tag = type.equals(MediaTypes.OCI_MANIFEST) ? "oci" : "docker";
            byte[] bytes = pushImage("rt/app", tag, type);
            String digest = Manifest.sha256(bytes);

            Manifest m = client.manifest("rt/app", tag);
            assertThat(m.mediaType()).isEqualTo(type);
            assertThat(m.digest()).isEqualTo(digest);
            assertThat(m.raw()).isEqualTo(bytes);
            assertThat(m.layers()).hasSize(1);
            assertThat(client.manifest("rt/app", digest).digest()).isEqualTo(digest);
            assertThat(client.tagDigest("rt/app", tag)).contains(digest);
            assertThat(client.configBlob("rt/app", m.config().digest()).path("architecture").asText()).isEqualTo("amd64");
            assertThat(client.blobExists("rt/app", m.layers().get(0).digest())).isTrue();
        }
    }

    @Test
    void aMissingTagOrBlobIsEmptyOrFalseAndAMissingManifestIsNamedWithTheRegistrysError() {
        pushImage("rt/missing", "1", MediaTypes.DOCKER_MANIFEST);
        assertThat(client.tagDigest("rt/missing", "nope")).isEmpty();
        assertThat(client.tagDigest("rt/no-such-repo", "1")).isEmpty();
        assertThat(client.blobExists("rt/missing", TestImages.digest("nothing"))).isFalse();
        assertThatThrownBy(() -> client.manifest("rt/missing", "nope"))
                .isInstanceOfSatisfying(RegistryException.class, e -> {
                    assertThat(e.kind()).isEqualTo(RegistryException.Kind.NOT_FOUND);
                    assertThat(e.status()).isEqualTo(404);
                })
                .hasMessageStartingWith("GET " + registry.uri() + "/v2/rt/missing/manifests/nope failed: 404 MANIFEST_UNKNOWN: manifest unknown");
    }

    @Test
    void mountsABlobAcrossRepositories() {
        byte[] blob = randomBlob(10_000);
        String digest = client.putBlob("rt/source", blob);
        assertThat(client.blobExists("rt/target", digest)).isFalse();
        assertThat(client.mountBlob("rt/target", digest, "rt/source")).isEqualTo(BlobTransfer.MOUNTED);
        assertThat(client.blob("rt/target", digest)).isEqualTo(blob);
    }

    @Test
    void whenTheRegistryRefusesTheMountTheBlobIsCopied() throws IOException {
        byte[] blob = randomBlob(300_000);
        String digest = client.putBlob("rt/copy-source", blob);
        try (MountRefusingProxy proxy = new MountRefusingProxy(registry.uri())) {
            RegistryClient viaProxy = new RegistryClient(proxy.uri());
            assertThat(viaProxy.mountBlob("rt/copy-target", digest, "rt/copy-source")).isEqualTo(BlobTransfer.COPIED);
            assertThat(proxy.mountsRefused).hasValue(1);
        }
        assertThat(client.blob("rt/copy-target", digest)).isEqualTo(blob);
    }

    @Test
    void copyingABlobThatIsNotInTheSourceNamesTheSource() {
        String missing = TestImages.digest("never pushed");
        assertThatThrownBy(() -> client.copyBlob("rt/copy-target", missing, "rt/copy-source"))
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.kind()).isEqualTo(RegistryException.Kind.NOT_FOUND))
                .hasMessageContaining("GET " + registry.uri() + "/v2/rt/copy-source/blobs/" + missing + " failed: 404 BLOB_UNKNOWN");
    }

    @Test
    void anIndexIsRefusedAsUnsupported() {
        byte[] child = pushImage("rt/multi", "amd64", MediaTypes.OCI_MANIFEST);
        ObjectNode index = JsonNodeFactory.instance.objectNode().put("schemaVersion", 2).put("mediaType", MediaTypes.OCI_INDEX);
        index.putArray("manifests").addObject().put("mediaType", MediaTypes.OCI_MANIFEST).put("digest", Manifest.sha256(child))
                .put("size", child.length).putObject("platform").put("os", "linux").put("architecture", "amd64");
        client.putManifest("rt/multi", "all", index.toString().getBytes(StandardCharsets.UTF_8), MediaTypes.OCI_INDEX);

        assertThatThrownBy(() -> client.manifest("rt/multi", "all"))
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.kind()).isEqualTo(RegistryException.Kind.UNSUPPORTED))
                .hasMessageStartingWith("rt/multi:all is a multi-platform index (" + MediaTypes.OCI_INDEX + ") of 1 manifests");
    }

    @Test
    void aManifestWhoseBlobsAreMissingIsRefusedWithTheRegistrysReason() {
        ObjectNode m = JsonNodeFactory.instance.objectNode().put("schemaVersion", 2).put("mediaType", MediaTypes.DOCKER_MANIFEST);
        m.putObject("config").put("mediaType", MediaTypes.DOCKER_CONFIG).put("digest", TestImages.digest("absent")).put("size", 3);
        m.putArray("layers");
        assertThatThrownBy(() -> client.putManifest("rt/broken", "1", m.toString().getBytes(StandardCharsets.UTF_8), MediaTypes.DOCKER_MANIFEST))
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.status()).isEqualTo(400))
                .hasMessageContaining("PUT " + registry.uri() + "/v2/rt/broken/manifests/1 failed: 400 MANIFEST_BLOB_UNKNOWN");
    }

    @Test
    void aRegistryThatWantsCredentialsIsReportedAsSuch() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ex -> {
            byte[] body = "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"authentication required\",\"detail\":null}]}"
                    .getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"Registry Realm\"");
            ex.sendResponseHeaders(401, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
        try {
            URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
            assertThatThrownBy(() -> new RegistryClient(uri).manifest("app", "1"))
                    .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.kind()).isEqualTo(RegistryException.Kind.UNAUTHORIZED))
                    .hasMessage("GET " + uri + "/v2/app/manifests/1 failed: 401 UNAUTHORIZED: authentication required; the registry wants "
                            + "credentials (WWW-Authenticate: Basic realm=\"Registry Realm\"), and this client sends none: use a registry without authentication");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aRegistryThatDoesNotAnswerIsUnreachable() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        RegistryClient nowhere = new RegistryClient(URI.create("http://127.0.0.1:" + port));
        assertThatThrownBy(() -> nowhere.blobExists("app", TestImages.digest("x")))
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.kind()).isEqualTo(RegistryException.Kind.UNREACHABLE))
                .hasMessageStartingWith("HEAD http://127.0.0.1:" + port + "/v2/app/blobs/sha256:");
    }

    @Test
    void badNamesAreRefusedBeforeAnyRequest() {
        assertThatThrownBy(() -> client.manifest("127.0.0.1:5000/app", "1"))
                .hasMessageStartingWith("repository '127.0.0.1:5000/app' must be a bare repository name");
        assertThatThrownBy(() -> client.manifest("App", "1")).hasMessageContaining("repository 'App'").hasMessageContaining("lower-case");
        assertThatThrownBy(() -> client.manifest("app", "-bad")).hasMessageStartingWith("reference 'app:-bad': tag '-bad'");
        assertThatThrownBy(() -> new RegistryClient(URI.create("ftp://x/"))).hasMessageContaining("must be http(s)://host[:port]");
    }
}
