package io.wolfpack.images.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.wolfpack.core.spec.ImageReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static io.wolfpack.images.registry.DockerCli.docker;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rebase end to end: images built by a real Docker engine FROM scratch with Debian's static
 * busybox, pushed to a real docker-registry, rebased at the registry, then pulled back and run.
 */
@Tag("integration")
class RebaserIntegrationTest {
    private static final Path BUSYBOX = Path.of("/bin/busybox");
    private static TestRegistry registry;
    private static RegistryClient client;
    private static Path work;
    private static String host;
    private static final List<String> tags = new ArrayList<>();

    @BeforeAll
    static void buildAndPush() throws IOException {
        if (!Files.isRegularFile(BUSYBOX)) throw new IllegalStateException("needs a static busybox at " + BUSYBOX + ": apt-get install -y busybox-static");
        docker("version", "--format", "{{.Server.Version}}");
        registry = TestRegistry.start();
        client = new RegistryClient(registry.uri());
        host = registry.host();
        work = Files.createTempDirectory("wolfpack-rebase-");

        build("base:1", base("1", ""));
        // The new base has one more layer than the old, so the layer counts differ when spliced.
        build("base:2", base("2", "RUN [\"/bin/sh\", \"-c\", \"echo patched > /etc/patched\"]\n"));
        String base1 = client.tagDigest("base", "1").orElseThrow();
        build("app:1", "FROM " + host + "/base:1\n"
                + "ENV GREETING=hello\n"
                + "COPY hello /app/hello\n"
                + "LABEL org.opencontainers.image.base.name=" + host + "/base:1 org.opencontainers.image.base.digest=" + base1 + "\n"
                + "CMD [\"cat\", \"/app/hello\"]\n");
        build("other:1", "FROM " + host + "/base:2\nCOPY hello /app/hello\n");
    }

    private static String base(String version, String extra) {
        return "FROM scratch\n"
                + "COPY busybox /bin/busybox\n"
                + "RUN [\"/bin/busybox\", \"--install\", \"-s\", \"/bin\"]\n"
                + "ENV PATH=/bin\n"
                + "COPY base-version /etc/base-version\n"
                + extra
                + "LABEL org.example.base=" + version + "\n"
                + "CMD [\"sh\"]\n";
    }

    /** Builds {@code name} (repo:tag) from a Dockerfile text in a context holding busybox, base-version and hello; pushes it. */
    private static void build(String name, String dockerfile) throws IOException {
        Path dir = Files.createDirectories(work.resolve(name.replace(':', '-')));
        Files.copy(BUSYBOX, dir.resolve("busybox"));
        Files.writeString(dir.resolve("base-version"), name.startsWith("base:") ? name.substring(5) + "\n" : "none\n");
        Files.writeString(dir.resolve("hello"), "hello from " + name + "\n");
        Files.writeString(dir.resolve("Dockerfile"), dockerfile);
        String tag = host + "/" + name;
        tags.add(tag);
        docker("build", "-q", "-t", tag, dir.toString());
        docker("push", tag);
    }

    /** Children first: an image removed before its children would stay behind, untagged. */
    private static void removeImages() {
        for (int i = tags.size() - 1; i >= 0; i--) DockerCli.quietly("rmi", "-f", tags.get(i));
    }

    @AfterAll
    static void cleanUp() throws IOException {
        removeImages();
        if (registry != null) registry.close();
        if (work != null) {
            try (Stream<Path> s = Files.walk(work)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static ImageReference ref(String name) {
        return ImageReference.parse(host + "/" + name);
    }

    @Test
    void anAppRebasedOntoTheNewBaseRunsWithTheNewBaseAndItsOwnFiles() {
        String base2 = client.tagDigest("base", "2").orElseThrow();
        Manifest appBefore = client.manifest("app", "1");
        Manifest base2Manifest = client.manifest("base", "2");

        long start = System.nanoTime();
        RebaseResult result = new Rebaser(client).rebase(ref("app:1"), ref("base:1"), ref("base:2"), "1-rebased");
        System.out.printf("rebase of app:1 onto base:2 at the registry took %d ms%n", (System.nanoTime() - start) / 1_000_000);

        assertThat(result.rebased()).as(result.reason()).isTrue();
        assertThat(result.digest()).isEqualTo(client.tagDigest("app", "1-rebased").orElseThrow());
        assertThat(result.reason()).startsWith("swapped 3 layers of base:1 for 4 of base:2");
        Manifest after = client.manifest("app", "1-rebased");
        List<String> expected = new ArrayList<>(base2Manifest.layerDigests());
        expected.add(appBefore.layerDigests().get(appBefore.layers().size() - 1));
        assertThat(after.layerDigests()).containsExactlyElementsOf(expected);
        assertThat(after.layers()).allSatisfy(l -> assertThat(client.blobExists("app", l.digest())).isTrue());

        // Pull it back into an engine that holds none of these images, so every blob comes from the registry.
        removeImages();
        String image = host + "/app:1-rebased";
        tags.add(image);
        docker("pull", image);
        assertThat(docker("run", "--rm", image, "cat", "/etc/base-version")).isEqualTo("2");
        assertThat(docker("run", "--rm", image, "cat", "/etc/patched")).isEqualTo("patched");
        assertThat(docker("run", "--rm", image)).isEqualTo("hello from app:1");
        assertThat(docker("run", "--rm", image, "sh", "-c", "echo $GREETING")).isEqualTo("hello");

        assertThat(docker("image", "inspect", "-f", "{{index .Config.Labels \"org.opencontainers.image.base.name\"}}", image))
                .isEqualTo(host + "/base:2");
        assertThat(docker("image", "inspect", "-f", "{{index .Config.Labels \"org.opencontainers.image.base.digest\"}}", image))
                .isEqualTo(base2);
        assertThat(docker("image", "inspect", "-f", "{{index .Config.Labels \"org.example.base\"}}", image)).isEqualTo("1");
        JsonNode config = client.configBlob("app", after.config().digest());
        JsonNode base2Config = client.configBlob("base", base2Manifest.config().digest());
        assertThat(docker("image", "inspect", "-f", "{{json .RootFS.Layers}}", image))
                .isEqualTo(config.path("rootfs").path("diff_ids").toString());
        assertThat(config.path("rootfs").path("diff_ids").get(0)).isEqualTo(base2Config.path("rootfs").path("diff_ids").get(0));
        assertThat(docker("history", "--no-trunc", "--format", "{{.CreatedBy}}", image))
                .contains("wolfpack rebase onto " + host + "/base:2@" + base2)
                .contains("echo patched");
    }

    @Test
    void anAppNotBuiltOnTheOldBaseIsNotRebasedAndNothingIsPushed() {
        RebaseResult result = new Rebaser(client).rebase(ref("other:1"), ref("base:1"), ref("base:2"), "rebased");

        assertThat(result.rebased()).isFalse();
        assertThat(result.digest()).isNull();
        assertThat(result.reason()).startsWith("layers do not start with the old base's 3 layers (layer ");
        assertThat(client.tagDigest("other", "rebased")).isEmpty();
    }

    @Test
    void aMultiPlatformNewBaseIsNotRebasedAndSaysWhy() {
        Manifest base2 = client.manifest("base", "2");
        String index = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.DOCKER_MANIFEST_LIST + "\",\"manifests\":[{\"mediaType\":\""
                + MediaTypes.DOCKER_MANIFEST + "\",\"digest\":\"" + base2.digest() + "\",\"size\":" + base2.raw().length
                + ",\"platform\":{\"os\":\"linux\",\"architecture\":\"amd64\"}}]}";
        client.putManifest("base", "2-multi", index.getBytes(java.nio.charset.StandardCharsets.UTF_8), MediaTypes.DOCKER_MANIFEST_LIST);

        RebaseResult result = new Rebaser(client).rebase(ref("app:1"), ref("base:1"), ref("base:2-multi"), "multi");

        assertThat(result.rebased()).isFalse();
        assertThat(result.reason()).startsWith("base:2-multi is a multi-platform index");
        assertThat(client.tagDigest("app", "multi")).isEmpty();
    }
}
