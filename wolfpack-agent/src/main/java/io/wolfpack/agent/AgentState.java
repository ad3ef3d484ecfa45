package io.wolfpack.agent;

import io.wolfpack.core.model.InstanceStatus;
import io.wolfpack.core.model.NodeAssignments;

import java.util.List;

/** What the agent's loops share; each field has one writer. */
final class AgentState {
    /** The last set received from the server (poller writes); null until the first arrives. */
    volatile NodeAssignments assignments;
    /** The last statuses computed (reconcile loop writes). */
    volatile List<InstanceStatus> statuses = List.of();
    /** Why the engine does not answer, or null (reconcile loop writes). */
    volatile String engineError;
    volatile String engineVersion;
    /** Whether a report got through, which registers the node (reporter writes). */
    volatile boolean registered;
}
