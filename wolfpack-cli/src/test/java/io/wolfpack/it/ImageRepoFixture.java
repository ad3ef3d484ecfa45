package io.wolfpack.it;

import org.eclipse.jgit.api.Git;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

/**
 * A real git repository of Dockerfiles for the campaign scenario: base → runtime → four apps
 * (app-c multi-stage, its build stage refusing base version 3), every image FROM scratch + the
 * static busybox at the bottom. Commits are made with JGit.
 */
final class ImageRepoFixture implements AutoCloseable {
    final Path dir;
    private final Git git;

    ImageRepoFixture() throws Exception {
        dir = Files.createTempDirectory("wolfpack-images-it");
        git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call();
        write("base/image.yaml", "name: base\ntag: \"1\"\n");
        write("base/Dockerfile", """
                FROM scratch
                COPY busybox /bin/busybox
                RUN ["/bin/busybox", "--install", "-s", "/bin"]
                COPY base-version /etc/base-version
                """);
        Files.copy(Path.of("/bin/busybox"), dir.resolve("base/busybox"));
        write("base/base-version", "1\n");
        write("runtime/image.yaml", "name: runtime\ntag: \"1\"\n");
        write("runtime/Dockerfile", """
                FROM base:1
                RUN mkdir -p /www && echo ok > /www/healthz && ln -s /etc/base-version /www/base-version
                """);
        for (String app : new String[]{"a", "b", "d"}) {
            write("apps/" + app + "/image.yaml", "name: app-" + app + "\ntag: \"1\"\n");
            write("apps/" + app + "/Dockerfile", """
                    FROM runtime:1
                    COPY index.html /www/index.html
                    CMD ["httpd", "-f", "-p", "8080", "-h", "/www"]
                    """);
            write("apps/" + app + "/index.html", "app-" + app + "\n");
        }
        write("apps/c/image.yaml", "name: app-c\ntag: \"1\"\n");
        write("apps/c/Dockerfile", """
                # the build stage checks the base it runs on
                FROM runtime:1 AS build
                RUN test "$(cat /etc/base-version)" != 3 && echo built > /out.txt
                FROM runtime:1
                COPY --from=build /out.txt /www/out.txt
                CMD ["httpd", "-f", "-p", "8080", "-h", "/www"]
                """);
        commit("base, runtime and four apps");
    }

    /** Changes the base's version file and commits; returns the commit id. */
    String commitBaseVersion(String version) throws Exception {
        write("base/base-version", version + "\n");
        return commit("base: version " + version);
    }

    private void write(String path, String text) throws IOException {
        Path p = dir.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    private String commit(String message) throws Exception {
        git.add().addFilepattern(".").call();
        return git.commit().setMessage(message).setAuthor("wolfpack-it", "it@wolfpack.invalid")
                .setCommitter("wolfpack-it", "it@wolfpack.invalid").call().getName();
    }

    @Override
    public void close() throws IOException {
        git.close();
        try (var walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
