package io.wolfpack.images.build;

import com.github.dockerjava.api.DockerClient;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The real Docker engine for integration tests; started with the project's scripts/ensure-docker when it does not answer. */
final class TestDocker {
    private TestDocker() {
    }

    static DockerClient client() throws IOException, InterruptedException {
        DockerClient docker = DockerClients.connect(null);
        if (answers(docker)) return docker;
        Path script = Path.of("..", "scripts", "ensure-docker");  // surefire runs in the module directory
        if (Files.isExecutable(script)) {
            int code = new ProcessBuilder(script.toString()).inheritIO().start().waitFor();
            if (code == 0 && answers(docker)) return docker;
        }
        docker.close();
        throw new IllegalStateException("no Docker engine answers on " + DockerClients.DEFAULT_HOST
                + "; start one (scripts/ensure-docker, or dockerd &) to run the integration tests");
    }

    private static boolean answers(DockerClient docker) {
        try {
            docker.pingCmd().exec();
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
