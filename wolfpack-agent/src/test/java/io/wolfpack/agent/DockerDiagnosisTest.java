package io.wolfpack.agent;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DockerDiagnosisTest {

    @Test
    void explainsAMissingSocketAndHowToFixIt() {
        var problem = DockerDiagnosis.check("unix:///tmp/wolfpack-missing-docker.sock");
        assertThat(problem).hasValueSatisfying(msg -> assertThat(msg)
                .contains("Cannot reach a Docker engine at unix:///tmp/wolfpack-missing-docker.sock")
                .contains("/tmp/wolfpack-missing-docker.sock does not exist")
                .contains("apt-get install -y docker.io && dockerd &")
                .contains("systemctl start docker")
                .contains("--docker unix://"));
        assertThat(problem.get().lines().count()).isGreaterThan(3);
    }
}
