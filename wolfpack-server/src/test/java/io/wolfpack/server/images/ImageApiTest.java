package io.wolfpack.server.images;

import io.wolfpack.client.ApiClient;
import io.wolfpack.client.ApiException;
import io.wolfpack.core.api.CampaignView;
import io.wolfpack.core.api.ImageView;
import io.wolfpack.core.model.NodeLiveness;
import io.wolfpack.core.schedule.PortRange;
import io.wolfpack.server.ServerConfig;
import io.wolfpack.server.TokenFile;
import io.wolfpack.server.WolfpackServer;
import io.wolfpack.store.EmbeddedZooKeeper;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The images API against a real embedded ZooKeeper and a real git repository: registering a
 * repository, the lineage it shows, a dry-run campaign, and the errors. Nothing here builds
 * (no Docker): the testbed scenario in MultiHostIT does.
 */
class ImageApiTest {
    @TempDir
    Path dir;
    private EmbeddedZooKeeper zk;
    private WolfpackServer server;
    private ApiClient api;

    private void start(ImagesConfig images) throws Exception {
        zk = EmbeddedZooKeeper.start(dir.resolve("zk"), "127.0.0.1", 0);
        String token = TokenFile.loadOrCreate(dir);
        String join = TokenFile.loadOrCreate(dir, TokenFile.JOIN_NAME);
        server = new WolfpackServer(new ServerConfig("127.0.0.1", 0, dir, zk.connectString(), token, join, PortRange.DEFAULT,
                NodeLiveness.DEFAULT, Duration.ofSeconds(5)), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), images);
        server.start();
        api = new ApiClient(server.url(), token);
    }

    private ImagesConfig on() {
        // a registry nobody listens on: nothing in these tests pushes or pulls
        return new ImagesConfig("127.0.0.1:1", null, URI.create("unix:///var/run/docker.sock"), dir.resolve("images"),
                null, Duration.ofHours(1), false, 2, 30);
    }

    @AfterEach
    void stop() {
        if (server != null) server.close();
        if (zk != null) zk.close();
    }

    private Path repo() throws Exception {
        Path r = dir.resolve("dockerfiles");
        Files.createDirectories(r.resolve("base"));
        Files.writeString(r.resolve("base/Dockerfile"), "FROM scratch\nCOPY busybox /bin/busybox\n");
        Files.writeString(r.resolve("base/image.yaml"), "name: base\ntag: \"1\"\n");
        Files.createDirectories(r.resolve("web"));
        Files.writeString(r.resolve("web/Dockerfile"), "FROM base:1\nCOPY index.html /www/\n");
        Files.createDirectories(r.resolve("tool"));
        Files.writeString(r.resolve("tool/Dockerfile"), "FROM base:1 AS build\nRUN make\nFROM web\nCOPY --from=build /out /out\n");
        try (Git git = Git.init().setDirectory(r.toFile()).setInitialBranch("main").call()) {
            git.add().addFilepattern(".").call();
            git.commit().setMessage("images").setAuthor("t", "t@t.invalid").setCommitter("t", "t@t.invalid").call();
        }
        return r;
    }

    @Test
    void withoutARegistryEveryImageCallSaysHowToTurnImagesOn() throws Exception {
        start(ImagesConfig.off(dir.resolve("images")));
        assertThatThrownBy(() -> api.images()).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(409);
            assertThat(e.getMessage()).contains("--registry");
        });
        assertThatThrownBy(() -> api.startCampaign("base", true, null, null))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(409));
    }

    @Test
    void aRegisteredRepositoryShowsItsLineageAndADryRunPlansWithoutStoringAnything() throws Exception {
        start(on());
        var added = api.addImageRepo(repo().toString(), null);
        assertThat(added.repo().name()).isEqualTo("dockerfiles");
        assertThat(added.images()).containsExactlyInAnyOrder("base", "web", "tool");

        Map<String, ImageView> tree = api.images().stream().collect(Collectors.toMap(ImageView::name, i -> i));
        assertThat(tree.get("base").externalBase()).isEqualTo("scratch");
        assertThat(tree.get("base").level()).isZero();
        assertThat(tree.get("web").base()).isEqualTo("base");
        assertThat(tree.get("tool").base()).isEqualTo("web");
        assertThat(tree.get("tool").inputs()).containsExactly("base");
        assertThat(tree.get("tool").level()).isEqualTo(2);
        assertThat(tree.get("web").latest()).isNull();

        assertThat(api.affected("base").images()).containsExactly(List.of("web"), List.of("tool"));

        CampaignView plan = api.startCampaign("base", true, null, null);
        assertThat(plan.state()).isEqualTo("planned");
        assertThat(plan.images()).extracting(CampaignView.ImageStep::image).containsExactly("base", "web", "tool");
        assertThat(plan.images().get(0).note()).isEqualTo("never built before");
        assertThat(api.campaigns()).isEmpty();
    }

    @Test
    void badInputIsRefusedNamingTheFieldAndChangesNothing() throws Exception {
        start(on());
        assertThatThrownBy(() -> api.addImageRepo(dir.resolve("nowhere").toString(), "x"))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.getMessage()).contains("source");
                });
        assertThatThrownBy(() -> api.addImageRepo(repo().toString(), "Bad_Name"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getMessage()).contains("name"));
        assertThat(api.imageRepos()).isEmpty();
        api.addImageRepo(repo().toString(), "ops");
        assertThatThrownBy(() -> api.addImageRepo(repo().toString(), "ops"))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(409));
        assertThatThrownBy(() -> api.startCampaign("nosuch", true, null, null))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.getMessage()).contains("nosuch");
                });
        assertThatThrownBy(() -> api.buildImages(List.of("nosuch")))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getMessage()).contains("nosuch"));
        assertThatThrownBy(() -> api.campaign("c-9")).isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(404));
    }

    @Test
    void theDefaultRepositoryNameComesFromThePathOrUrl() {
        assertThat(ImageHandlers.defaultName("/srv/dockerfiles/")).isEqualTo("dockerfiles");
        assertThat(ImageHandlers.defaultName("https://git.example.com/ops/Base_Images.git")).isEqualTo("base-images");
    }

    /** A config blob and a manifest with no layers: enough for a tag to name a digest. */
    private static String pushTinyImage(io.wolfpack.images.registry.RegistryClient registry, String repo, String tag, String label) {
        byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"Labels\":{\"v\":\"" + label
                + "\"}},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String configDigest = registry.putBlob(repo, config);
        byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.docker.distribution.manifest.v2+json\","
                + "\"config\":{\"mediaType\":\"application/vnd.docker.container.image.v1+json\",\"size\":" + config.length
                + ",\"digest\":\"" + configDigest + "\"},\"layers\":[]}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return registry.putManifest(repo, tag, manifest, "application/vnd.docker.distribution.manifest.v2+json");
    }

    @Test
    void aNewDigestBehindAnExternalBaseTagInOurRegistryStartsOneCampaignOnTheImageBuiltOnIt() throws Exception {
        try (TestRegistry registry = TestRegistry.start(dir.resolve("registry"))) {
            var client = new io.wolfpack.images.registry.RegistryClient(registry.uri());
            String before = pushTinyImage(client, "os", "12", "one");
            // No engine at this address: the campaign's build of app fails, which is not what this test is about.
            start(new ImagesConfig(registry.host(), null, URI.create("unix://" + dir.resolve("no-docker.sock")), dir.resolve("images"),
                    null, Duration.ofMillis(500), true, 2, 30));
            Path r = dir.resolve("apprepo");
            Files.createDirectories(r.resolve("app"));
            Files.writeString(r.resolve("app/Dockerfile"), "FROM " + registry.host() + "/os:12\nCMD [\"true\"]\n");
            try (Git git = Git.init().setDirectory(r.toFile()).setInitialBranch("main").call()) {
                git.add().addFilepattern(".").call();
                git.commit().setMessage("app").setAuthor("t", "t@t.invalid").setCommitter("t", "t@t.invalid").call();
            }
            api.addImageRepo(r.toString(), "apps");
            // as if app had been built on the first digest
            new io.wolfpack.store.ImageStore(server.store()).putBuild(new io.wolfpack.core.image.ImageBuild("app", "latest",
                    "sha256:" + "a".repeat(64), registry.host() + "/os@" + before, before, List.of(), r.toString(), "c0ffee",
                    "app/Dockerfile", java.time.Instant.now(), "build", ""));
            assertThat(api.campaigns()).isEmpty();

            String after = pushTinyImage(client, "os", "12", "two");
            assertThat(after).isNotEqualTo(before);
            List<CampaignView> started = org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
                    .until(() -> api.campaigns(), l -> !l.isEmpty());
            CampaignView c = started.get(0);
            assertThat(c.base()).isEqualTo("app");
            assertThat(c.trigger()).isEqualTo("registry: new digest " + CampaignRunner.shortDigest(after) + " behind " + registry.host() + "/os:12");
            assertThat(c.images().get(0).note()).contains("has a new digest");
            // one change, one campaign: later looks at the same digest start nothing
            org.awaitility.Awaitility.await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                    .until(() -> api.campaigns().size() == 1);
        }
    }
}
