package io.wolfpack.agent.demo;

import io.wolfpack.agent.docker.DockerEngine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.stream.Stream;

/**
 * Builds {@value #TAG}, the image the demo and the integration tests run: busybox on scratch,
 * serving /www on port 8080 with a page that names the instance and container that answered,
 * and /healthz. Needs no registry: busybox is copied from this host (Debian's busybox-static).
 */
public final class DemoImage {
    public static final String TAG = "wolfpack/demo:1";
    public static final Path DEFAULT_BUSYBOX = Path.of("/bin/busybox");
    public static final String HASH_LABEL = "wolfpack.demo.hash";
    public static final int PORT = 8080;

    private static final String PAGE_SCRIPT = "echo \"<h1>Hello from $WOLFPACK_INSTANCE (container $(hostname))</h1>\" "
            + "> /www/index.html && exec httpd -f -p " + PORT + " -h /www";

    private DemoImage() {
    }

    /** Builds the image unless one with the same content is already there; returns its tag. */
    public static String ensure(DockerEngine engine) {
        return ensure(engine, DEFAULT_BUSYBOX);
    }

    public static String ensure(DockerEngine engine, Path busybox) {
        if (!Files.isRegularFile(busybox)) {
            throw new IllegalStateException("the demo image needs a static busybox at " + busybox
                    + ", which is missing: install busybox-static (apt-get install -y busybox-static)");
        }
        String hash = contentHash(busybox);
        var existing = engine.inspectImage(TAG);
        if (existing.isPresent() && hash.equals(existing.get().labels().get(HASH_LABEL))) return TAG;
        Path dir = null;
        try {
            dir = Files.createTempDirectory("wolfpack-demo-");
            Files.copy(busybox, dir.resolve("busybox"));
            Path www = Files.createDirectory(dir.resolve("www"));
            Files.writeString(www.resolve("index.html"), "<h1>Hello from Wolfpack</h1>\n");
            Files.writeString(www.resolve("healthz"), "ok\n");
            Files.writeString(dir.resolve("Dockerfile"), dockerfile(hash));
            engine.buildImage(dir, TAG);
            return TAG;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the build context of " + TAG + ": " + e.getMessage(), e);
        } finally {
            if (dir != null) deleteTree(dir);
        }
    }

    /** The Dockerfile; the hash label lets the next start skip an identical build. */
    static String dockerfile(String hash) {
        return "FROM scratch\n"
                + "COPY busybox /bin/busybox\n"
                + "RUN [\"/bin/busybox\", \"--install\", \"-s\", \"/bin\"]\n"
                + "COPY www /www\n"
                + "LABEL " + HASH_LABEL + "=\"" + hash + "\"\n"
                + "EXPOSE " + PORT + "\n"
                + "CMD [\"/bin/sh\", \"-c\", \"" + PAGE_SCRIPT.replace("\\", "\\\\").replace("\"", "\\\"") + "\"]\n";
    }

    /** A hash of what goes into the image: busybox's bytes and the Dockerfile's shape. */
    static String contentHash(Path busybox) {
        try (InputStream in = Files.newInputStream(busybox)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[64 * 1024];
            for (int n; (n = in.read(buf)) > 0; ) md.update(buf, 0, n);
            md.update(dockerfile("").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(md.digest()).substring(0, 16);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + busybox + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temp dir is harmless
        }
    }
}
