package io.wolfpack.router;

import io.wolfpack.core.route.Backend;
import io.wolfpack.core.route.Endpoint;
import io.wolfpack.core.route.Route;
import io.wolfpack.core.route.RouteTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Weighted splits between two static backends (host:port lists, as for legacy VMs), measured
 * over real sockets: accuracy over 10,000 requests, and weight changes while clients keep sending.
 */
@Timeout(120)
class RouterWeightsTest extends RouterFixture {
    private static final int CLIENTS = 4;

    private TestBackend main;
    private TestBackend legacy;

    /** Both backends are static: their endpoints name no Wolfpack instance. */
    private RouteTable table(long version, int mainWeight, int legacyWeight) {
        return new RouteTable(version, List.of(new Route("web", "web.local", "/", 0, List.of(
                new Backend("main", mainWeight, List.of(new Endpoint("127.0.0.1", main.port(), null))),
                new Backend("legacy", legacyWeight, List.of(new Endpoint("127.0.0.1", legacy.port(), null)))))));
    }

    private void startBackends() {
        main = backend("main");
        legacy = backend("legacy");
    }

    @Test
    void tenThousandRequestsSplitWithinTwoPointsOfTheWeights() throws Exception {
        startBackends();
        router.update(table(1, 33, 67));
        int perClient = 10_000 / CLIENTS;
        AtomicInteger toMain = new AtomicInteger();
        AtomicInteger toLegacy = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < CLIENTS; t++) {
                RawHttp c = client();
                done.add(pool.submit(() -> {
                    for (int i = 0; i < perClient; i++) {
                        RawHttp.Response r = c.get("web.local", "/");
                        assertThat(r.status()).isEqualTo(200);
                        if ("main".equals(r.header("X-Backend"))) toMain.incrementAndGet();
                        else toLegacy.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) f.get();
        } finally {
            pool.shutdownNow();
        }
        int total = toMain.get() + toLegacy.get();
        assertThat(total).isEqualTo(10_000);
        double mainShare = 100.0 * toMain.get() / total;
        assertThat(mainShare).as("main's share in percent").isBetween(31.0, 35.0);
        // the metrics see the same split
        assertThat(registry.get(RouterMetrics.REQUESTS).tags("route", "web", "backend", "main").counter().count())
                .isEqualTo(toMain.get());
        assertThat(registry.get(RouterMetrics.REQUESTS).tags("route", "web", "backend", "legacy").counter().count())
                .isEqualTo(toLegacy.get());
    }

    /**
     * Clients send without pause while the table goes 100/0 -> 50/50 -> 0/100. A response is
     * attributed to a weight setting only when the setting was in force from before the request was
     * sent until after its response came (the phase counter is odd while a change is under way), so
     * the test needs no timing assumption at all.
     */
    @Test
    void liveWeightChangesUnderLoadFailNoRequest() throws Exception {
        startBackends();
        int[][] weights = {{100, 0}, {50, 50}, {0, 100}};
        int minPerSetting = 2_000;
        AtomicInteger phase = new AtomicInteger(); // 2k: weights[k] in force; 2k+1: changing to weights[k+1]
        AtomicLongArray toMain = new AtomicLongArray(weights.length);
        AtomicLongArray toLegacy = new AtomicLongArray(weights.length);
        AtomicLong sent = new AtomicLong();
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean stop = new AtomicBoolean();
        router.update(table(1, weights[0][0], weights[0][1]));

        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < CLIENTS; t++) {
                RawHttp c = client();
                done.add(pool.submit(() -> {
                    while (!stop.get()) {
                        int before = phase.get();
                        String backend;
                        try {
                            RawHttp.Response r = c.get("web.local", "/load");
                            sent.incrementAndGet();
                            if (r.status() != 200) {
                                failures.add(r.status() + " " + r.body());
                                continue;
                            }
                            backend = r.header("X-Backend");
                        } catch (Exception e) {
                            failures.add(e.toString());
                            return null;
                        }
                        int after = phase.get();
                        if (before != after || before % 2 == 1) continue;
                        if ("main".equals(backend)) toMain.incrementAndGet(before / 2);
                        else toLegacy.incrementAndGet(before / 2);
                    }
                    return null;
                }));
            }
            for (int k = 0; k < weights.length; k++) {
                int setting = k;
                await().atMost(60, TimeUnit.SECONDS).until(() -> toMain.get(setting) + toLegacy.get(setting) >= minPerSetting
                        || !failures.isEmpty());
                if (k + 1 == weights.length || !failures.isEmpty()) break;
                phase.incrementAndGet(); // changing
                router.update(table(k + 2, weights[k + 1][0], weights[k + 1][1]));
                phase.incrementAndGet(); // in force
            }
            stop.set(true);
            for (Future<?> f : done) f.get();
        } finally {
            pool.shutdownNow();
        }

        assertThat(failures).as("failed requests out of %d", sent.get()).isEmpty();
        assertThat(toLegacy.get(0)).as("legacy at weight 0").isZero();
        double legacyShare = 100.0 * toLegacy.get(1) / (toMain.get(1) + toLegacy.get(1));
        // with at least 2,000 samples, ±5 points is more than four standard deviations
        assertThat(legacyShare).as("legacy's share in percent at 50/50").isBetween(45.0, 55.0);
        assertThat(toMain.get(2)).as("main at weight 0").isZero();
        assertThat(router.table().version()).isEqualTo(3);
    }
}
