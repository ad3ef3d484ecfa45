package io.wolfpack.agent.reconcile;

import io.wolfpack.core.model.InstanceStatus;

import java.util.List;
import java.util.Map;

/**
 * The decisions of one pass: actions in the order to run them (removals, pulls, creates, starts,
 * holds), the memory to keep for the next pass, and every instance's status (sorted by id).
 */
public record ReconcileResult(List<HostAction> actions, Map<String, LocalInstanceState> local,
                              List<InstanceStatus> statuses) {
    public ReconcileResult {
        actions = List.copyOf(actions);
        local = Map.copyOf(local);
        statuses = List.copyOf(statuses);
    }
}
