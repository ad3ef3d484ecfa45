package io.wolfpack.cli.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The images benchmark's repository of Dockerfiles, as text: 20 small images in 3 levels. Level 0
 * is {@code base} (FROM scratch with Debian's static busybox, which the writer copies in as
 * {@code base/busybox}); level 1 four runtimes FROM base; level 2 fifteen apps FROM the runtimes,
 * three of them multi-stage (a build stage FROM {@code runtimes/tools}, copied from into the final
 * stage). Every image has one RUN step, so every build runs a container, as real builds do.
 */
final class LineageFixture {
    static final String BASE = "base";
    static final String BUSYBOX_PATH = "base/busybox";
    static final List<String> RUNTIMES = List.of("runtimes/shell", "runtimes/web", "runtimes/worker", "runtimes/tools");
    static final int APPS = 15;
    /** Every fifth app is multi-stage. */
    static final int MULTI_STAGE_EVERY = 5;

    private LineageFixture() {
    }

    static List<String> apps() {
        List<String> out = new ArrayList<>();
        for (int i = 1; i <= APPS; i++) out.add(String.format("apps/app-%02d", i));
        return out;
    }

    static boolean multiStage(int app) {
        return app % MULTI_STAGE_EVERY == 0;
    }

    /** The runtime app {@code i} (1-based) stands on: round robin over the runtimes. */
    static String runtimeOf(int app) {
        return RUNTIMES.get((app - 1) % RUNTIMES.size());
    }

    /**
     * Every text file of the first commit, path → content (busybox is not among them). {@code run}
     * goes into the base's release file, so no layer of a run can come from an earlier run's cache.
     */
    static Map<String, String> files(String run) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("README.md", "Images of the Wolfpack images benchmark (run " + run + ").\n");
        f.put("base/image.yaml", "name: base\ntag: \"1\"\n");
        f.put("base/Dockerfile", """
                FROM scratch
                COPY busybox /bin/busybox
                RUN ["/bin/busybox", "--install", "-s", "/bin"]
                ENV PATH=/bin
                COPY release /etc/base-release
                CMD ["sh"]
                """);
        f.putAll(baseRelease(run, 1));
        for (String runtime : RUNTIMES) {
            String shortName = runtime.substring(runtime.indexOf('/') + 1);
            f.put(runtime + "/Dockerfile", """
                    FROM base:1
                    COPY runtime.conf /etc/runtime/%1$s.conf
                    RUN mkdir -p /var/lib/%1$s && echo ready > /var/lib/%1$s/state
                    ENV RUNTIME=%1$s
                    """.formatted(shortName));
            f.put(runtime + "/runtime.conf", "runtime=" + shortName + "\nthreads=4\n");
        }
        for (int i = 1; i <= APPS; i++) {
            String app = apps().get(i - 1);
            f.put(app + "/run.sh", "#!/bin/sh\necho \"" + app + " on $RUNTIME\"\n");
            if (multiStage(i)) {
                f.put(app + "/src.txt", "source of " + app + "\n");
                f.put(app + "/Dockerfile", """
                        FROM runtimes/tools AS build
                        COPY src.txt /src/src.txt
                        RUN mkdir -p /out && tr a-z A-Z < /src/src.txt > /out/artifact
                        FROM %s
                        COPY --from=build /out/artifact /app/artifact
                        COPY run.sh /app/run.sh
                        CMD ["/bin/sh", "/app/run.sh"]
                        """.formatted(runtimeOf(i)));
            } else {
                f.put(app + "/Dockerfile", """
                        FROM %s
                        COPY run.sh /app/run.sh
                        RUN chmod 755 /app/run.sh
                        CMD ["/app/run.sh"]
                        """.formatted(runtimeOf(i)));
            }
        }
        return f;
    }

    /** The base's fix: only the base's release file changes, so only the base's directory does. */
    static Map<String, String> baseFix(String run) {
        return baseRelease(run, 2);
    }

    private static Map<String, String> baseRelease(String run, int release) {
        return Map.of("base/release", "base release " + release + (release > 1 ? " (patched)" : "") + ", benchmark run " + run + "\n");
    }
}
