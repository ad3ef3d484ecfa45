package io.wolfpack.router.bench;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The nginx and wrk executables the benchmark runs, found once up front so a missing one fails fast. */
record Tools(Path nginx, Path wrk) {
    static final String INSTALL_HINT = "install them with: apt-get install nginx wrk (scripts/bench-router does this for you)";

    /** Debian's /usr/sbin/nginx (not on a normal user's PATH), else PATH; wrk from PATH. */
    static Tools locate() {
        Path nginx = find("nginx", List.of(Path.of("/usr/sbin/nginx")));
        Path wrk = find("wrk", List.of(Path.of("/usr/bin/wrk")));
        List<String> missing = new ArrayList<>();
        if (nginx == null) missing.add("nginx (looked for /usr/sbin/nginx and on PATH)");
        if (wrk == null) missing.add("wrk (looked on PATH)");
        if (!missing.isEmpty()) {
            throw new IllegalStateException("the router benchmark needs " + String.join(" and ", missing) + "; " + INSTALL_HINT);
        }
        return new Tools(nginx, wrk);
    }

    /** "nginx/1.22.1, wrk 4.1.0" for the report; "?" for what cannot be told. */
    String versions() {
        String n = firstLine(nginx.toString(), "-v").replace("nginx version: ", "");
        String w = firstLine(wrk.toString(), "-v");
        // "wrk debian/4.1.0-3+b2 [epoll] Copyright (C) 2012 Will Glozer"
        int copyright = w.indexOf(" Copyright");
        return n + ", " + (copyright > 0 ? w.substring(0, copyright) : w);
    }

    private static Path find(String name, List<Path> preferred) {
        for (Path p : preferred) {
            if (Files.isExecutable(p)) return p;
        }
        String path = System.getenv("PATH");
        if (path == null) return null;
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) continue;
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p) && !Files.isDirectory(p)) return p;
        }
        return null;
    }

    private static String firstLine(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(5, TimeUnit.SECONDS);
            String line = out.strip().lines().findFirst().orElse("?");
            return line.isBlank() ? "?" : line.strip();
        } catch (IOException e) {
            return "?";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "?";
        }
    }
}
