package io.wolfpack.images.registry;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The docker CLI for tests: runs one command, returns its stdout, fails with its stderr. */
final class DockerCli {
    private DockerCli() {
    }

    static String docker(String... args) {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(List.of(args));
        File err = null;
        try {
            err = File.createTempFile("wolfpack-docker-", ".err");
            Process p = new ProcessBuilder(command).redirectError(err).start();
            String out;
            try (InputStream in = p.getInputStream()) {
                out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish in 5 minutes");
            }
            if (p.exitValue() != 0) {
                throw new AssertionError(String.join(" ", command) + " exited " + p.exitValue() + ": "
                        + Files.readString(err.toPath()) + out);
            }
            return out.strip();
        } catch (IOException e) {
            throw new AssertionError("cannot run " + String.join(" ", command) + ": " + e.getMessage()
                    + " (a Docker engine is needed: run scripts/ensure-docker)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted: " + String.join(" ", command), e);
        } finally {
            if (err != null) err.delete();
        }
    }

    /** Like {@link #docker} but a failure is ignored: for clean-up. */
    static void quietly(String... args) {
        try {
            docker(args);
        } catch (AssertionError ignored) {
            // already gone
        }
    }
}
