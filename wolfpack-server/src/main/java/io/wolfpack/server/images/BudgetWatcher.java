package io.wolfpack.server.images;

import io.wolfpack.server.cluster.EventLog;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Checks the version budget as things change and raises an {@code image.budget} event when it
 * is broken: once per violation while it lasts (a violation that clears and comes back is raised
 * again), so the event stream is a record, not a drumbeat.
 */
final class BudgetWatcher {
    private final Supplier<List<String>> violations;
    private final BiConsumer<String, String> emit;
    private final BooleanSupplier leader;
    private Set<String> raised = Set.of();

    BudgetWatcher(Supplier<List<String>> violations, BiConsumer<String, String> emit, BooleanSupplier leader) {
        this.violations = violations;
        this.emit = emit;
        this.leader = leader;
    }

    BudgetWatcher(ImageCatalog catalog, EventLog events, BooleanSupplier leader) {
        this(() -> catalog.sprawl().violations(), (type, message) -> events.emit(type, null, null, null, message), leader);
    }

    synchronized void check() {
        if (!leader.getAsBoolean()) return;
        List<String> now = violations.get();
        for (String v : now) {
            if (!raised.contains(v)) emit.accept("image.budget", v);
        }
        raised = new HashSet<>(now);
    }
}
