package io.wolfpack.images.build;

import com.github.dockerjava.api.DockerClient;
import io.wolfpack.core.image.ImageBuild;
import io.wolfpack.images.git.DockerfileRepository;
import io.wolfpack.images.git.ImageSource;
import io.wolfpack.images.git.TestRepo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Real Docker engine, real registry (docker-registry on loopback), real git repository. */
@Tag("integration")
class ImageBuilderIntegrationTest {
    private static final Path BUSYBOX = Path.of("/bin/busybox");
    private static final String BASE_DOCKERFILE = """
            FROM scratch
            COPY busybox /bin/busybox
            RUN ["/bin/busybox", "--install", "-s", "/bin"]
            CMD ["sh"]
            """;
    private static final String APP_DOCKERFILE = """
            # syntax=docker/dockerfile:1
            ARG BASE=base:1.0
            FROM ${BASE} AS build
            RUN echo built > /built.txt
            FROM ${BASE}
            COPY --from=build /built.txt /built.txt
            COPY hello.txt /hello.txt
            """;

    @TempDir
    static Path tmp;
    private static DockerClient docker;
    private static TestRegistry registry;
    private static ImageBuilder builder;
    private static final List<String> pushed = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        docker = TestDocker.client();
        registry = TestRegistry.start(tmp.resolve("registry"));
        builder = new ImageBuilder(docker, registry.address());
    }

    @AfterAll
    static void stop() throws Exception {
        for (String ref : pushed) {
            try {
                docker.removeImageCmd(ref).withForce(true).exec();
            } catch (RuntimeException alreadyGone) {
                // nothing to clean
            }
        }
        if (registry != null) registry.close();
        if (docker != null) docker.close();
    }

    @Test
    void buildsTheBaseThenTheAppPinnedOnTheBaseDigestAndStampsLabels() throws Exception {
        Path dir = tmp.resolve("lineage");
        try (TestRepo git = TestRepo.init(dir.resolve("origin"))) {
            git.write("base/Dockerfile", BASE_DOCKERFILE).copy(BUSYBOX, "base/busybox")
                    .write("base/image.yaml", "name: base\ntag: \"1.0\"\n")
                    .write("app/Dockerfile", APP_DOCKERFILE).write("app/hello.txt", "hello\n");
            String first = git.commit("base and app");
            try (DockerfileRepository repo = DockerfileRepository.open(git.dir().toString(), dir.resolve("work"))) {
                List<ImageSource> images = repo.images();
                assertThat(images).extracting(ImageSource::name).containsExactly("app", "base");
                ImageSource app = images.get(0);
                ImageSource base = images.get(1);

                ImageBuild b = build(base, Map.of(), repo, first);
                assertThat(b.image()).isEqualTo("base");
                assertThat(b.tag()).isEqualTo("1.0");
                assertThat(b.digest()).matches("sha256:[0-9a-f]{64}").isEqualTo(registryDigest("base", "1.0"));
                assertThat(b.baseImage()).isEqualTo("scratch");
                assertThat(b.baseDigest()).isNull();
                assertThat(b.revision()).isEqualTo(first);
                assertThat(b.method()).isEqualTo(ImageBuild.BUILD);
                assertThat(labels(registry.address() + "/base:1.0"))
                        .containsEntry(ImageLabels.BASE_NAME, "scratch")
                        .doesNotContainKey(ImageLabels.BASE_DIGEST)
                        .containsEntry(ImageLabels.SOURCE, repo.source())
                        .containsEntry(ImageLabels.REVISION, first)
                        .containsEntry(ImageLabels.DOCKERFILE, "base/Dockerfile");

                String pinnedBase = registry.address() + "/base@" + b.digest();
                ImageBuild a = build(app, Map.of("base", pinnedBase), repo, first);
                assertThat(a.baseDigest()).isEqualTo(b.digest());
                assertThat(a.baseImage()).isEqualTo(pinnedBase);
                assertThat(a.inputs()).isEmpty();  // the build stage stands on the same base
                assertThat(a.dockerfile()).isEqualTo("app/Dockerfile");
                assertThat(a.digest()).isEqualTo(registryDigest("app", "latest")).isNotEqualTo(b.digest());
                assertThat(labels(registry.address() + "/app:latest"))
                        .containsEntry(ImageLabels.BASE_NAME, pinnedBase)
                        .containsEntry(ImageLabels.BASE_DIGEST, b.digest())
                        .containsEntry(ImageLabels.SOURCE, repo.source())
                        .containsEntry(ImageLabels.REVISION, first)
                        .containsEntry(ImageLabels.DOCKERFILE, "app/Dockerfile");

                // A commit that fixes the base names the base only; rebuilt, it gets a new digest and revision.
                git.write("base/Dockerfile", BASE_DOCKERFILE + "ENV FIXED=1\n");
                String second = git.commit("fix the base");
                assertThat(repo.changedSince(first)).containsExactly("base");
                ImageBuild fixed = build(repo.images().get(1), Map.of(), repo, second);
                assertThat(fixed.digest()).isNotEqualTo(b.digest()).isEqualTo(registryDigest("base", "1.0"));
                assertThat(labels(registry.address() + "/base:1.0")).containsEntry(ImageLabels.REVISION, second);
            }
        }
    }

    @Test
    void aFailingStepSaysWhichImageWhichStepAndWhatTheEngineSaid() throws Exception {
        Path dir = tmp.resolve("broken");
        try (TestRepo git = TestRepo.init(dir.resolve("origin"))) {
            git.write("broken/Dockerfile", """
                    FROM scratch
                    COPY busybox /bin/busybox
                    RUN ["/bin/busybox", "sh", "-c", "echo about-to-fail; exit 3"]
                    """).copy(BUSYBOX, "broken/busybox");
            String commit = git.commit("broken");
            try (DockerfileRepository repo = DockerfileRepository.open(git.dir().toString(), dir.resolve("work"))) {
                ImageSource broken = repo.images().get(0);
                assertThatThrownBy(() -> builder.build(broken, Map.of(), repo.source(), commit))
                        .isInstanceOfSatisfying(BuildException.class, e -> {
                            assertThat(e.image()).isEqualTo("broken");
                            assertThat(e.step()).isEqualTo(ImageBuilder.STEP_BUILD);
                        })
                        .hasMessageStartingWith("image broken: build failed: ")
                        .hasMessageContaining("returned a non-zero code: 3")
                        .hasMessageContaining("about-to-fail");
            }
        }
    }

    @Test
    void anExternalBaseThatCannotBePulledFailsAtResolvingTheBase() throws Exception {
        Path dir = tmp.resolve("missing");
        try (TestRepo git = TestRepo.init(dir.resolve("origin"))) {
            String missing = registry.address() + "/nothing-here:1";
            git.write("svc/Dockerfile", "FROM " + missing + "\n");
            String commit = git.commit("missing base");
            try (DockerfileRepository repo = DockerfileRepository.open(git.dir().toString(), dir.resolve("work"))) {
                assertThatThrownBy(() -> builder.build(repo.images().get(0), Map.of(), repo.source(), commit))
                        .isInstanceOfSatisfying(BuildException.class, e -> assertThat(e.step()).isEqualTo(ImageBuilder.STEP_RESOLVE))
                        .hasMessageContaining("image svc: resolve base failed: pulling base " + missing);
            }
        }
    }

    private ImageBuild build(ImageSource image, Map<String, String> pins, DockerfileRepository repo, String revision) {
        pushed.add(builder.pushRef(image));
        return builder.build(image, pins, repo.source(), revision);
    }

    private static Map<String, String> labels(String ref) {
        return docker.inspectImageCmd(ref).exec().getConfig().getLabels();
    }

    private static String registryDigest(String name, String tag) throws Exception {
        return ManifestDigest.of(registry.address(), name, tag);
    }
}
