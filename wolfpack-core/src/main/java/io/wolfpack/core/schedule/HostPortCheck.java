package io.wolfpack.core.schedule;

import java.util.Optional;

/** Enough free host ports in the cluster's range for every port the spec declares. */
final class HostPortCheck implements FeasibilityCheck {
    @Override
    public Optional<Veto> check(WorkingState w, int node) {
        if (w.enoughFreePorts(node)) return Optional.empty();
        int need = w.ports.size();
        String reason = need == 1 ? "no free host port in " + w.range : "not enough free host ports in " + w.range;
        return Optional.of(Veto.resource(Veto.Kind.HOST_PORTS, reason, need, w.freePorts(node), w.range.size()));
    }
}
