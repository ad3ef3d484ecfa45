package io.wolfpack.core.reconcile;

import java.util.List;

/**
 * What the control plane should do for one service now: place {@code toPlace} new instances of
 * {@code revision}, and remove {@code toRemove} (each with the reason, for the event log).
 */
public record ServiceDecision(long revision, int toPlace, List<Removal> toRemove) {
    public ServiceDecision {
        toRemove = List.copyOf(toRemove);
    }

    public record Removal(String instance, String reason) {
    }

    public boolean isEmpty() {
        return toPlace == 0 && toRemove.isEmpty();
    }
}
