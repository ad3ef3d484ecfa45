package io.wolfpack.core.image;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The scenario's repository: base → runtime → four apps (batch is multi-stage and reads tools),
 * plus tools and other on external images, with builds and services running some of them.
 */
final class LineageFixtures {
    static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    static final String BUILDER = "127.0.0.1:5000/";
    static final String HOSTS = "10.213.0.1:5000/";

    static final String BASE_OLD = digest("base-1");
    static final String BASE_NEW = digest("base-2");
    static final String RUNTIME = digest("runtime-1");
    static final String WEB = digest("web-1");
    static final String API = digest("api-1");
    static final String BATCH = digest("batch-1");
    static final String TOOLS = digest("tools-1");
    static final String DEBIAN = digest("debian");
    static final String BUSYBOX = digest("busybox");

    private LineageFixtures() {
    }

    static LineageGraph graph() {
        return LineageGraph.of(List.of(
                ImageNode.onExternal("base", "debian:12"),
                ImageNode.onImage("runtime", "base"),
                ImageNode.onExternal("tools", "busybox:1"),
                ImageNode.onImage("apps/web", "runtime"),
                ImageNode.onImage("apps/api", "runtime"),
                ImageNode.onImage("apps/worker", "runtime"),
                ImageNode.onImage("apps/batch", "runtime", "tools", "golang:1.22"),
                ImageNode.onExternal("other", "alpine:3")));
    }

    static Map<String, List<ImageBuild>> builds() {
        List<ImageBuild> all = List.of(
                build("base", "1.0", BASE_OLD, "debian@" + DEBIAN, DEBIAN, NOW.minus(Duration.ofDays(40))),
                build("base", "1.0", BASE_NEW, "debian@" + DEBIAN, DEBIAN, NOW.minus(Duration.ofDays(1))),
                build("runtime", "latest", RUNTIME, BUILDER + "base@" + BASE_OLD, BASE_OLD, NOW.minus(Duration.ofDays(20))),
                build("tools", "latest", TOOLS, "busybox@" + BUSYBOX, BUSYBOX, NOW.minus(Duration.ofDays(5))),
                build("apps/web", "1.0", WEB, BUILDER + "runtime@" + RUNTIME, RUNTIME, NOW.minus(Duration.ofDays(10))),
                build("apps/api", "latest", API, BUILDER + "runtime@" + RUNTIME, RUNTIME, NOW.minus(Duration.ofDays(10))),
                new ImageBuild("apps/batch", "latest", BATCH, BUILDER + "runtime@" + RUNTIME, RUNTIME,
                        List.of(BUILDER + "tools@" + TOOLS), "/repo", "abc123", "apps/batch/Dockerfile",
                        NOW.minus(Duration.ofDays(10)), ImageBuild.BUILD, ""));
        Map<String, List<ImageBuild>> out = new LinkedHashMap<>();
        for (ImageBuild b : all) out.computeIfAbsent(b.image(), k -> new ArrayList<>()).add(b);
        return out;
    }

    static ImageBuild build(String image, String tag, String digest, String baseImage, String baseDigest, Instant at) {
        return new ImageBuild(image, tag, digest, baseImage, baseDigest, List.of(), "/repo", "abc123", image + "/Dockerfile",
                at, ImageBuild.BUILD, "");
    }

    /** web-frontend: 3 instances by tag; api: 1 by digest; batch: 2 by bare name; proxy runs nothing of ours. */
    static List<ServiceUse> uses() {
        return List.of(
                new ServiceUse("web-frontend", HOSTS + "apps/web:1.0",
                        List.of(new InstanceUse("web-frontend-1", "n1"), new InstanceUse("web-frontend-2", "n2"), new InstanceUse("web-frontend-3", "n3"))),
                new ServiceUse("api", HOSTS + "apps/api@" + API, List.of(new InstanceUse("api-1", "n2"))),
                new ServiceUse("batch", "apps/batch", List.of(new InstanceUse("batch-1", "n1"), new InstanceUse("batch-2", "n1"))),
                new ServiceUse("proxy", "nginx:1", List.of(new InstanceUse("proxy-1", "n3"))));
    }

    static String digest(String seed) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(h);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
