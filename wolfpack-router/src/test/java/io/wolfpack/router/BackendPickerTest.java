package io.wolfpack.router;

import io.wolfpack.core.route.Backend;
import io.wolfpack.core.route.Endpoint;
import io.wolfpack.core.route.Route;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class BackendPickerTest {

    private static Endpoint ep(int port) {
        return new Endpoint("127.0.0.1", port, "i" + port);
    }

    private static Route route(Backend... backends) {
        return new Route("web", "h", "/", 0, List.of(backends));
    }

    @Test
    void weightedSplitIsWithinTwoPercentagePointsOver10000Picks() {
        BackendPicker picker = BackendPicker.of(route(
                new Backend("stable", 67, List.of(ep(1), ep(2))),
                new Backend("canary", 33, List.of(ep(3)))));
        Random random = new Random(42);
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < 10_000; i++) counts.merge(picker.pick(random).backend().name(), 1, Integer::sum);
        assertThat(counts.get("stable") / 100.0).isCloseTo(67.0, within(2.0));
        assertThat(counts.get("canary") / 100.0).isCloseTo(33.0, within(2.0));
    }

    @Test
    void endpointsOfABackendTakeTurns() {
        BackendPicker picker = BackendPicker.of(route(new Backend("web", 1, List.of(ep(1), ep(2), ep(3)))));
        Random random = new Random(1);
        Map<Integer, Integer> counts = new HashMap<>();
        for (int i = 0; i < 300; i++) counts.merge(picker.pick(random).endpoint().port(), 1, Integer::sum);
        assertThat(counts).containsEntry(1, 100).containsEntry(2, 100).containsEntry(3, 100);
    }

    @Test
    void backendsWithZeroWeightOrNoEndpointsGetNothing() {
        BackendPicker picker = BackendPicker.of(route(
                new Backend("zero", 0, List.of(ep(1))),
                new Backend("empty", 50, List.of()),
                new Backend("live", 5, List.of(ep(2)))));
        Random random = new Random(7);
        for (int i = 0; i < 1000; i++) assertThat(picker.pick(random).backend().name()).isEqualTo("live");
    }

    @Test
    void routeWithoutUsableBackendPicksNothing() {
        BackendPicker picker = BackendPicker.of(route(new Backend("empty", 1, List.of()), new Backend("zero", 0, List.of(ep(1)))));
        assertThat(picker.isEmpty()).isTrue();
        assertThat(picker.pick(new Random(1))).isNull();
        assertThat(BackendPicker.of(route()).pick(new Random(1))).isNull();
    }

    @Test
    void unusableEndpointsAreSkippedAndBackendsWithoutAnyDropOut() {
        BackendPicker picker = BackendPicker.of(route(
                new Backend("a", 50, List.of(ep(1), ep(2))),
                new Backend("b", 50, List.of(ep(3)))));
        Random random = new Random(3);
        for (int i = 0; i < 500; i++) {
            BackendPicker.Pick p = picker.pick(random, e -> e.port() != 1 && e.port() != 3);
            assertThat(p.endpoint().port()).isEqualTo(2);
        }
        assertThat(picker.pick(random, e -> false)).isNull();
    }

    @Test
    void pickPreferringFallsBackToAllEndpointsWhenNoneIsUsable() {
        BackendPicker picker = BackendPicker.of(route(new Backend("a", 100, List.of(ep(1), ep(2)))));
        Random random = new Random(5);
        for (int i = 0; i < 20; i++) {
            assertThat(picker.pickPreferring(random, e -> e.port() == 2).endpoint().port()).isEqualTo(2);
        }
        Map<Integer, Integer> panic = new HashMap<>();
        for (int i = 0; i < 20; i++) panic.merge(picker.pickPreferring(random, e -> false).endpoint().port(), 1, Integer::sum);
        assertThat(panic).containsOnlyKeys(1, 2);
        assertThat(BackendPicker.of(route()).pickPreferring(random, e -> true)).isNull();
    }
}
