package io.wolfpack.cli.output;

import io.wolfpack.core.api.ServiceView;
import io.wolfpack.core.spec.ServiceSpec;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DeployOutputTest {
    @Test
    void saysCreatedUpdatedRescaledOrUnchanged() {
        ServiceView v1 = view(1, 3, "web:1");
        ServiceView v2 = view(2, 3, "web:2");

        assertThat(DeployOutput.summary(null, v1)).isEqualTo("created web (revision 1, 3 replicas)\n");
        assertThat(DeployOutput.summary(v1, v2)).isEqualTo("updated web (revision 2)\n");
        assertThat(DeployOutput.summary(v1, view(1, 5, "web:1"))).isEqualTo("updated web (revision 1, replicas 3 -> 5)\n");
        assertThat(DeployOutput.summary(v2, view(2, 3, "web:2"))).isEqualTo("web unchanged\n");
        assertThat(DeployOutput.summary(null, view(1, 1, "web:1"))).isEqualTo("created web (revision 1, 1 replica)\n");
    }

    @Test
    void listsWhyInstancesCouldNotBePlaced() {
        ServiceView v = new ServiceView("web", 1, spec(3, "web:1"), 3, 1, 1, List.of(),
                List.of(new ServiceView.Unplaced(2, "0/1 nodes fit: 1 insufficient memory (need 512Mi, most free 256Mi)")),
                null, null);

        assertThat(DeployOutput.summary(null, v)).isEqualTo("""
                created web (revision 1, 3 replicas)
                  2 unplaced: 0/1 nodes fit: 1 insufficient memory (need 512Mi, most free 256Mi)
                """);
    }

    private static ServiceView view(long revision, int replicas, String image) {
        return new ServiceView("web", revision, spec(replicas, image), replicas, replicas, replicas, List.of(), List.of(), null, null);
    }

    private static ServiceSpec spec(int replicas, String image) {
        return new ServiceSpec("web", image, replicas, null, Map.of(), null, null, null, null, null, null);
    }
}
