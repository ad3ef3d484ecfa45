package io.wolfpack.agent;

import io.wolfpack.agent.docker.DockerJavaEngine;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AgentConfigTest {

    @Test
    void defaultsOfferTheWholeMachine() {
        AgentConfig c = AgentConfig.builder("local").build();
        assertThat(c.cpu()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(c.memory().bytes()).isPositive();
        assertThat(c.heartbeatInterval()).isEqualTo(Duration.ofMillis(500));
        assertThat(c.reconcileInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(c.dockerHost()).isEqualTo(DockerJavaEngine.DEFAULT_HOST);
        assertThat(c.publishIp()).isEqualTo("0.0.0.0");
        assertThat(c.checkHost()).isEqualTo("127.0.0.1");
        assertThat(c.backoffMax()).isEqualTo(Duration.ofSeconds(60));
        assertThat(c.unhealthyRestartMin()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.startGrace()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void healthRestartSettingsMustNotBeNegative() {
        assertThatThrownBy(() -> AgentConfig.builder("n1").unhealthyRestartMin(Duration.ofSeconds(-1)).startGrace(null).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unhealthyRestartMin = PT-1S: must be 0s or more")
                .hasMessageContaining("startGrace = null: must be 0s or more");
    }

    @Test
    void reportsEveryBadFieldAtOnce() {
        assertThatThrownBy(() -> AgentConfig.builder("Bad Name").cpu(0).heartbeatInterval(Duration.ZERO)
                .backoff(Duration.ofSeconds(5), Duration.ofSeconds(1)).listen("127.0.0.1", 70000).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nodeName = Bad Name")
                .hasMessageContaining("cpu = 0.0")
                .hasMessageContaining("heartbeatInterval = PT0S")
                .hasMessageContaining("backoffMax")
                .hasMessageContaining("listenPort = 70000");
    }

    @Test
    void checksTargetTheBoundAddressWhenPortsAreNotOnAllInterfaces() {
        assertThat(AgentConfig.builder("n1").publishIp("127.0.0.1").build().checkHost()).isEqualTo("127.0.0.1");
    }
}
