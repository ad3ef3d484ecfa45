package io.wolfpack.agent;

import io.wolfpack.core.model.NodeAssignments;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * Long-polls the server for this node's assignments and keeps the last set received. A failed
 * call changes nothing: the agent goes on with the set it has, and its containers keep running.
 */
final class AssignmentPoller extends AgentLoop {
    private static final Logger LOG = LoggerFactory.getLogger(AssignmentPoller.class);

    private final ServerLink link;
    private final AgentConfig config;
    private final AgentState state;
    private final Runnable onNewSet;

    AssignmentPoller(ServerLink link, AgentConfig config, AgentState state, Runnable onNewSet) {
        super("wolfpack-agent-assignments");
        this.link = link;
        this.config = config;
        this.state = state;
        this.onNewSet = onNewSet;
    }

    @Override
    protected Duration runOnce() {
        // the first report registers the node; asking before that could be refused
        if (!state.registered) return Duration.ofMillis(100);
        NodeAssignments current = state.assignments;
        long after = current == null ? -1 : current.version();
        NodeAssignments got = link.assignments(config.nodeName(), after, config.assignmentsWait());
        if (got == null) throw new IllegalStateException("the server answered the assignments call with no body");
        if (!config.nodeName().equals(got.node())) {
            throw new IllegalStateException("the server sent assignments for node '" + got.node() + "' to node '"
                    + config.nodeName() + "'; ignoring them");
        }
        state.assignments = got;
        if (current == null || got.version() != current.version()) {
            LOG.info("node {}: assignments version {} with {} instances", config.nodeName(), got.version(), got.assignments().size());
            onNewSet.run();
            return Duration.ZERO;
        }
        // unchanged: a server that answers without holding the call must not make us spin
        return config.reconcileInterval();
    }
}
