package io.wolfpack.core.reconcile;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class QuarantinePolicyTest {
    private static final Set<String> SIX = Set.of("h1", "h2", "h3", "h4", "h5", "h6");

    @Test
    void twoServicesFailingOnOneHostOnlyQuarantineIt() {
        var failures = Map.of("h2", Map.of("web", 4, "api", 3, "batch", 1), "h3", Map.of("web", 1));
        var verdicts = QuarantinePolicy.decide(failures, SIX, SIX, 0);
        assertThat(verdicts).singleElement().satisfies(v -> {
            assertThat(v.node()).isEqualTo("h2");
            assertThat(v.failuresByService()).containsOnlyKeys("web", "api");
            assertThat(v.evidence()).startsWith("7 instance failures in the last 5m across 2 services: api 3×");
        });
    }

    @Test
    void oneBadServiceNeverQuarantinesAHost() {
        assertThat(QuarantinePolicy.decide(Map.of("h2", Map.of("web", 40)), SIX, SIX, 0)).isEmpty();
    }

    @Test
    void servicesThatFailEverywhereImplicateNoHost() {
        var everywhere = Map.of(
                "h1", Map.of("web", 5, "api", 4), "h2", Map.of("web", 6, "api", 5), "h3", Map.of("web", 4, "api", 4),
                "h4", Map.of("web", 5, "api", 3), "h5", Map.of("web", 5, "api", 4), "h6", Map.of("web", 6, "api", 4));
        assertThat(QuarantinePolicy.decide(everywhere, SIX, SIX, 0)).isEmpty();
    }

    @Test
    void smallClustersAndClustersAlreadyAThirdOutAreLeftAlone() {
        var failures = Map.of("h1", Map.of("web", 5, "api", 5));
        assertThat(QuarantinePolicy.decide(failures, Set.of("h1", "h2"), Set.of("h1", "h2"), 0)).isEmpty();
        assertThat(QuarantinePolicy.decide(failures, SIX, SIX, 2)).isEmpty();
        assertThat(QuarantinePolicy.decide(failures, SIX, SIX, 1)).hasSize(1);
        // Only candidates (ready, not cordoned) are judged.
        assertThat(QuarantinePolicy.decide(failures, Set.of("h2"), SIX, 0)).isEmpty();
    }

    @Test
    void oneHostAtATimeTheWorstFirst() {
        var failures = Map.of("h1", Map.of("web", 3, "api", 3), "h2", Map.of("web", 9, "api", 9));
        assertThat(QuarantinePolicy.decide(failures, SIX, SIX, 0)).extracting(QuarantinePolicy.Verdict::node).containsExactly("h2");
    }
}
