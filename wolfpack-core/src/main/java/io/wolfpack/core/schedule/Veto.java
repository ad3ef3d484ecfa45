package io.wolfpack.core.schedule;

import io.wolfpack.core.spec.PlacementConstraint;

/**
 * Why a node cannot take an instance (Aurora's veto, not a boolean). {@code reason} groups vetoes in
 * explanations; {@code need}/{@code free} carry the numbers for resource vetoes (else 0).
 * {@code mayFitLater} separates "wait and it may fit" (full, cordoned) from "never for this spec"
 * (constraint, node smaller than one instance).
 */
public record Veto(Kind kind, String reason, long need, long free, boolean mayFitLater) {

    public enum Kind { NODE_STATE, CONSTRAINT, CPU, MEMORY, HOST_PORTS }

    static Veto nodeState(String state) {
        return new Veto(Kind.NODE_STATE, "node " + state, 0, 0, true);
    }

    static Veto constraint(PlacementConstraint c) {
        return new Veto(Kind.CONSTRAINT, "constraint " + c, 0, 0, false);
    }

    static Veto resource(Kind kind, String reason, long need, long free, long capacity) {
        return new Veto(kind, reason, need, free, need <= capacity);
    }
}
