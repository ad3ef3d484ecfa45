package io.wolfpack.server.images;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class BudgetWatcherTest {
    @Test
    void eachViolationIsRaisedOnceWhileItLastsAndAgainWhenItComesBack() {
        AtomicReference<List<String>> now = new AtomicReference<>(List.of());
        List<String> raised = new ArrayList<>();
        AtomicBoolean leader = new AtomicBoolean(true);
        BudgetWatcher w = new BudgetWatcher(now::get, (type, message) -> raised.add(type + ": " + message), leader::get);

        w.check();
        assertThat(raised).isEmpty();
        now.set(List.of("service web runs 3 image versions (budget 2)"));
        w.check();
        w.check();
        assertThat(raised).containsExactly("image.budget: service web runs 3 image versions (budget 2)");
        now.set(List.of());
        w.check();
        now.set(List.of("service web runs 3 image versions (budget 2)", "base base was built 40 days ago (budget 30)"));
        w.check();
        assertThat(raised).hasSize(3);

        leader.set(false);
        now.set(List.of("service api runs 4 image versions (budget 2)"));
        w.check();
        assertThat(raised).hasSize(3);
    }
}
