package io.wolfpack.agent;

import io.wolfpack.core.model.NodeReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Sends the node's report every heartbeat, and at once when woken by a change. The first report
 * that gets through registers the node; the assignment poller waits for it.
 */
final class Reporter extends AgentLoop {
    private static final Logger LOG = LoggerFactory.getLogger(Reporter.class);

    private final ServerLink link;
    private final AgentConfig config;
    private final AgentState state;
    private final Supplier<NodeReport> report;

    Reporter(ServerLink link, AgentConfig config, AgentState state, Supplier<NodeReport> report) {
        super("wolfpack-agent-report");
        this.link = link;
        this.config = config;
        this.state = state;
        this.report = report;
    }

    @Override
    protected Duration runOnce() {
        Duration advised = link.report(report.get());
        if (!state.registered) {
            LOG.info("node {}: registered with the server at {}", config.nodeName(), link);
            state.registered = true;
        }
        // A large fleet asks its agents to report less often (docs/BENCHMARKS.md); never more often than configured.
        Duration every = advised != null && advised.compareTo(config.heartbeatInterval()) > 0 ? advised : config.heartbeatInterval();
        if (!every.equals(current)) {
            if (current != null) LOG.info("node {}: reporting every {} as the server asks", config.nodeName(), every);
            current = every;
        }
        return every;
    }

    private Duration current;
}
