package io.wolfpack.images.build;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.model.BuildResponseItem;
import com.github.dockerjava.api.model.PullResponseItem;
import com.github.dockerjava.api.model.PushResponseItem;
import com.github.dockerjava.api.model.ResponseItem;
import io.wolfpack.core.image.DockerfileException;
import io.wolfpack.core.image.DockerfileParser;
import io.wolfpack.core.image.DockerfilePinning;
import io.wolfpack.core.image.ImageBuild;
import io.wolfpack.core.image.ParsedDockerfile;
import io.wolfpack.core.spec.ImageReference;
import io.wolfpack.images.git.ImageSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Builds one image of a repository through the Docker engine and pushes it: the Dockerfile's bases
 * are pinned by digest (images of the repository to the references given, the final external base
 * to the digest the engine resolves), the lineage labels are stamped, and the digest the registry
 * stored is returned in the {@link ImageBuild}. Builds use the engine's classic build API.
 */
public final class ImageBuilder {
    public static final String STEP_PARSE = "parse Dockerfile";
    public static final String STEP_RESOLVE = "resolve base";
    public static final String STEP_CONTEXT = "prepare build context";
    public static final String STEP_BUILD = "build";
    public static final String STEP_PUSH = "push";
    private static final Logger log = LoggerFactory.getLogger(ImageBuilder.class);
    private static final Duration TIMEOUT = Duration.ofMinutes(30);
    private static final int LOG_TAIL_LINES = 20;

    private final DockerClient docker;
    private final String pushRegistry;
    private final Clock clock;

    /** @param pushRegistry host[:port] of the registry images are pushed to, e.g. "127.0.0.1:5000" */
    public ImageBuilder(DockerClient docker, String pushRegistry) {
        this(docker, pushRegistry, Clock.systemUTC());
    }

    public ImageBuilder(DockerClient docker, String pushRegistry, Clock clock) {
        ImageReference probe;
        try {
            probe = ImageReference.parse(pushRegistry + "/probe");
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("push registry '" + pushRegistry + "' must be host[:port], e.g. 127.0.0.1:5000");
        }
        if (!pushRegistry.equals(probe.registry())) {
            throw new IllegalArgumentException("push registry '" + pushRegistry + "' must be host[:port] with a '.' or ':' in it"
                    + " (or localhost), e.g. 127.0.0.1:5000");
        }
        this.docker = docker;
        this.pushRegistry = pushRegistry;
        this.clock = clock;
    }

    public String pushRegistry() {
        return pushRegistry;
    }

    /** The reference an image is pushed to: {@code REGISTRY/name:tag}. */
    public String pushRef(ImageSource image) {
        return pushRegistry + "/" + image.name() + ":" + image.tag();
    }

    /**
     * Builds, tags and pushes {@code image}.
     *
     * @param internalBaseDigests image name of this repository → pinned reference, e.g.
     *                            "base" → "127.0.0.1:5000/base@sha256:…"; every image of the repository
     *                            this Dockerfile names must be here (build in lineage order)
     * @param source              the repository's path or URL, for the source label
     * @param revision            the commit the image was read at, for the revision label
     * @throws BuildException naming the image, the step and the engine's message
     */
    public ImageBuild build(ImageSource image, Map<String, String> internalBaseDigests, String source, String revision) {
        String name = image.name();
        ParsedDockerfile parsed;
        try {
            parsed = DockerfileParser.parse(image.dockerfileText());
        } catch (DockerfileException e) {
            throw new BuildException(name, STEP_PARSE, image.dockerfilePath() + " " + e.getMessage(), e);
        }
        Map<String, String> pins = new HashMap<>(InternalPins.of(parsed, internalBaseDigests, name));
        String finalBase = parsed.finalBase();
        String baseImage;
        if (parsed.finalBaseStage().fromScratch()) {
            baseImage = DockerfileParser.SCRATCH;
        } else {
            baseImage = pins.computeIfAbsent(finalBase, written -> resolveExternal(name, written));
        }
        String baseDigest = baseImage.equals(DockerfileParser.SCRATCH) ? null : ImageReference.parse(baseImage).digest();
        String dockerfile = DockerfilePinning.pinImages(image.dockerfileText(), parsed, pins::get);
        List<String> inputs = parsed.buildInputs().stream().map(i -> pins.getOrDefault(i, i)).toList();

        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(ImageLabels.BASE_NAME, baseImage);
        if (baseDigest != null) labels.put(ImageLabels.BASE_DIGEST, baseDigest);
        labels.put(ImageLabels.SOURCE, source);
        labels.put(ImageLabels.REVISION, revision);
        labels.put(ImageLabels.DOCKERFILE, image.dockerfilePath());

        String tag = pushRef(image);
        Path context = prepareContext(image, dockerfile);
        try {
            buildImage(name, context, tag, labels);
        } finally {
            deleteQuietly(context);
        }
        String digest = push(name, image.tag());
        log.info("built image={} tag={} digest={} base={} revision={}", name, tag, digest, baseImage, revision);
        return new ImageBuild(name, image.tag(), digest, baseImage, baseDigest, inputs, source, revision,
                image.dockerfilePath(), clock.instant(), ImageBuild.BUILD, "");
    }

    /** Pins an external base: a digest written in the Dockerfile is kept; a tag is pulled and its registry digest read. */
    private String resolveExternal(String image, String written) {
        ImageReference ref = ImageReference.parse(written);
        if (ref.digest() != null) return written;
        String repository = (ref.registry() == null ? "" : ref.registry() + "/") + ref.repository();
        String tag = ref.tag() == null ? "latest" : ref.tag();
        StreamErrors pull = new StreamErrors();
        try {
            docker.pullImageCmd(repository).withTag(tag).exec(pull.forPull()).awaitCompletion(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BuildException(image, STEP_RESOLVE, "pulling base " + written + " was interrupted", e);
        } catch (RuntimeException e) {
            throw new BuildException(image, STEP_RESOLVE, "pulling base " + written + ": " + e.getMessage(), e);
        }
        if (pull.error != null) throw new BuildException(image, STEP_RESOLVE, "pulling base " + written + ": " + pull.error);
        InspectImageResponse inspected;
        try {
            inspected = docker.inspectImageCmd(repository + ":" + tag).exec();
        } catch (RuntimeException e) {
            throw new BuildException(image, STEP_RESOLVE, "inspecting base " + written + " after the pull: " + e.getMessage(), e);
        }
        List<String> repoDigests = inspected.getRepoDigests() == null ? List.of() : inspected.getRepoDigests();
        for (String rd : repoDigests) {
            int at = rd.indexOf('@');
            if (at > 0 && sameRepository(rd.substring(0, at), repository)) {
                return repository + ":" + tag + rd.substring(at);
            }
        }
        throw new BuildException(image, STEP_RESOLVE, "base " + written + " has no registry digest for " + repository
                + " (the engine knows " + repoDigests + "); push it to a registry so builds can pin it");
    }

    /** Docker writes Docker Hub images short ("busybox"); compare names with that spelling removed. */
    private static boolean sameRepository(String a, String b) {
        return shortName(a).equals(shortName(b));
    }

    private static String shortName(String repository) {
        return repository.replaceFirst("^(docker\\.io|index\\.docker\\.io|registry-1\\.docker\\.io)/", "").replaceFirst("^library/", "");
    }

    /** Copies the image's directory (as exported from the commit) and writes the pinned Dockerfile into the copy. */
    private Path prepareContext(ImageSource image, String dockerfile) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("wolfpack-build-");
            Path source = image.contextDir();
            try (Stream<Path> paths = Files.walk(source)) {
                for (Path p : paths.toList()) {
                    Path target = dir.resolve(source.relativize(p).toString());
                    if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
                    }
                }
            }
            Files.writeString(dir.resolve("Dockerfile"), dockerfile);
            return dir;
        } catch (IOException e) {
            if (dir != null) deleteQuietly(dir);
            throw new BuildException(image.name(), STEP_CONTEXT, "copying " + image.contextDir() + ": " + e.getMessage(), e);
        }
    }

    private void buildImage(String image, Path context, String tag, Map<String, String> labels) {
        BuildLog buildLog = new BuildLog();
        try {
            docker.buildImageCmd()
                    .withBaseDirectory(context.toFile())
                    .withDockerfile(context.resolve("Dockerfile").toFile())
                    .withTags(Set.of(tag))
                    .withLabels(labels)
                    .withPull(false)
                    .withRemove(true)
                    .withForcerm(true)
                    .exec(buildLog);
            buildLog.awaitImageId(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (RuntimeException e) {
            throw new BuildException(image, STEP_BUILD, e.getMessage() + buildLog.tail(), e);
        }
    }

    private String push(String image, String tag) {
        String repository = pushRegistry + "/" + image;
        StreamErrors push = new StreamErrors();
        try {
            docker.pushImageCmd(repository).withTag(tag).exec(push.forPush()).awaitCompletion(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BuildException(image, STEP_PUSH, "pushing " + repository + ":" + tag + " was interrupted", e);
        } catch (RuntimeException e) {
            throw new BuildException(image, STEP_PUSH, "pushing " + repository + ":" + tag + ": " + e.getMessage(), e);
        }
        if (push.error != null) throw new BuildException(image, STEP_PUSH, "pushing " + repository + ":" + tag + ": " + push.error);
        if (push.digest != null) return push.digest;
        try {
            // Engines that do not report the digest in the push stream: ask the registry.
            return ManifestDigest.of(pushRegistry, image, tag);
        } catch (IOException e) {
            throw new BuildException(image, STEP_PUSH, "reading the digest of " + repository + ":" + tag + ": " + e.getMessage(), e);
        }
    }

    /** The build's output, keeping the last lines for the error message. */
    private static final class BuildLog extends BuildImageResultCallback {
        private final ArrayDeque<String> lines = new ArrayDeque<>();

        @Override
        public void onNext(BuildResponseItem item) {
            String text = item.getStream() != null ? item.getStream() : item.getErrorDetail() != null ? item.getErrorDetail().getMessage() : null;
            if (text != null) {
                synchronized (lines) {
                    for (String line : text.split("\n")) {
                        if (line.isBlank()) continue;
                        lines.addLast(line.stripTrailing());
                        if (lines.size() > LOG_TAIL_LINES) lines.removeFirst();
                    }
                }
            }
            super.onNext(item);
        }

        String tail() {
            synchronized (lines) {
                return lines.isEmpty() ? "" : "\nlast lines of the build log:\n  " + String.join("\n  ", lines);
            }
        }
    }

    /** Collects the first error, and the digest a push reports, from a pull or push progress stream. */
    private static final class StreamErrors {
        private volatile String error;
        private volatile String digest;

        private void see(ResponseItem item) {
            if (item.isErrorIndicated() && error == null) {
                error = item.getErrorDetail() != null && item.getErrorDetail().getMessage() != null
                        ? item.getErrorDetail().getMessage() : item.getError();
            }
            if (item.getAux() != null && item.getAux().getDigest() != null) digest = item.getAux().getDigest();
        }

        private void failed(Throwable t) {
            if (error == null) error = t.getMessage();
        }

        ResultCallback.Adapter<PullResponseItem> forPull() {
            return new ResultCallback.Adapter<>() {
                @Override
                public void onNext(PullResponseItem item) {
                    see(item);
                }

                @Override
                public void onError(Throwable t) {
                    failed(t);  // reported in the BuildException; docker-java's own handler would log it as an error too
                    onComplete();
                }
            };
        }

        ResultCallback.Adapter<PushResponseItem> forPush() {
            return new ResultCallback.Adapter<>() {
                @Override
                public void onNext(PushResponseItem item) {
                    see(item);
                }

                @Override
                public void onError(Throwable t) {
                    failed(t);  // reported in the BuildException; docker-java's own handler would log it as an error too
                    onComplete();
                }
            };
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException e) {
            log.warn("could not delete build context {}: {}", dir, e.toString());
        }
    }
}
