package io.wolfpack.agent.reconcile;

import io.wolfpack.agent.docker.ContainerRequest;
import io.wolfpack.core.model.Assignment;
import io.wolfpack.core.model.Instance;
import io.wolfpack.core.spec.ByteSize;
import io.wolfpack.core.spec.PortSpec;
import io.wolfpack.core.spec.Resources;
import io.wolfpack.core.spec.ServiceSpec;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ContainerRequestsTest {

    @Test
    void carriesLabelsLimitsPortsAndEnvironment() {
        var spec = new ServiceSpec("web", "registry.local:5000/web:1.4", 2, List.of("httpd", "-f"), Map.of("GREETING", "hi"),
                new Resources(0.25, ByteSize.parse("64Mi")),
                List.of(new PortSpec("http", 8080), new PortSpec("admin", 9090)), null, null, null, null);
        var instance = new Instance("web-k3x9q2", "web", 7, "n1", Map.of("http", 20417), null);
        ContainerRequest r = ContainerRequests.forAssignment(new Assignment(instance, spec), "n1", "127.0.0.1");

        assertThat(r.name()).isEqualTo("wp-web-k3x9q2");
        assertThat(r.image()).isEqualTo("registry.local:5000/web:1.4");
        assertThat(r.command()).containsExactly("httpd", "-f");
        assertThat(r.labels()).containsExactlyInAnyOrderEntriesOf(Map.of("wolfpack.service", "web",
                "wolfpack.instance", "web-k3x9q2", "wolfpack.node", "n1", "wolfpack.revision", "7", "wolfpack.managed", "true"));
        assertThat(r.memoryBytes()).isEqualTo(64L * 1024 * 1024);
        assertThat(r.nanoCpus()).isEqualTo(250_000_000L);
        assertThat(r.ports()).containsExactly(new ContainerRequest.PortMapping(8080, 20417));
        assertThat(r.hostIp()).isEqualTo("127.0.0.1");
        assertThat(r.env()).containsEntry("GREETING", "hi").containsEntry("WOLFPACK_INSTANCE", "web-k3x9q2")
                .containsEntry("WOLFPACK_NODE", "n1");
    }

    @Test
    void theSpecsEnvironmentWinsOverOurs() {
        var spec = new ServiceSpec("web", "img", 1, null, Map.of("WOLFPACK_NODE", "mine"), null, null, null, null, null, null);
        var r = ContainerRequests.forAssignment(new Assignment(new Instance("web-1", "web", 1, "n1", null, null), spec), "n1", "0.0.0.0");
        assertThat(r.env()).containsEntry("WOLFPACK_NODE", "mine");
        assertThat(r.command()).isEmpty();
    }
}
