package io.wolfpack.router;

import io.wolfpack.core.route.RouterStats.BackendStats;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TrafficCountersTest {

    @Test
    void countsPerRouteAndBackendSortedByBoth() {
        TrafficCounters c = new TrafficCounters();
        c.upstreamAnswered("web", "stable", 200);
        c.upstreamAnswered("web", "stable", 404);
        c.upstreamAnswered("web", "canary", 503);
        c.upstreamAnswered("web", "canary", 101);
        c.connectFailure("web", "canary");
        c.routerAnswered("web", "canary");
        c.upstreamAnswered("api", "api", 500);
        assertThat(c.snapshot()).containsExactly(
                new BackendStats("api", "api", 1, 1, 0),
                new BackendStats("web", "canary", 3, 1, 1),
                new BackendStats("web", "stable", 2, 0, 0));
    }

    @Test
    void aFailedAttemptAloneMakesAnEntryWithoutRequests() {
        TrafficCounters c = new TrafficCounters();
        c.connectFailure("web", "canary");
        c.connectFailure("web", "canary");
        assertThat(c.snapshot()).containsExactly(new BackendStats("web", "canary", 0, 0, 2));
    }

    @Test
    void requestsWithoutARouteOrBackendAreLeftOut() {
        TrafficCounters c = new TrafficCounters();
        c.routerAnswered(RouterMetrics.NONE, RouterMetrics.NONE);
        c.routerAnswered("web", RouterMetrics.NONE);
        c.upstreamAnswered("web", null, 200);
        c.connectFailure(null, "web");
        assertThat(c.snapshot()).isEmpty();
    }

    @Test
    void snapshotsAreCopies() {
        TrafficCounters c = new TrafficCounters();
        c.upstreamAnswered("web", "web", 200);
        var before = c.snapshot();
        c.upstreamAnswered("web", "web", 200);
        assertThat(before).containsExactly(new BackendStats("web", "web", 1, 0, 0));
        assertThat(c.snapshot()).containsExactly(new BackendStats("web", "web", 2, 0, 0));
    }
}
