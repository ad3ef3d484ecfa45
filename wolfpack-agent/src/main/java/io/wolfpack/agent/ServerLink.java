package io.wolfpack.agent;

import io.wolfpack.client.ApiClient;
import io.wolfpack.core.model.NodeAssignments;
import io.wolfpack.core.model.NodeReport;

import java.time.Duration;

/** The two server calls an agent makes (docs/API.md "Agent feed"); a seam so tests can fake the server. */
public interface ServerLink {

    /** The node's assignments once their version is above {@code after}, or the current ones after {@code wait}. */
    NodeAssignments assignments(String node, long after, Duration wait);

    /** Sends the report; returns how long the server wants the agent to wait before the next, or null. */
    Duration report(NodeReport report);

    static ServerLink of(ApiClient api) {
        return new ServerLink() {
            @Override
            public NodeAssignments assignments(String node, long after, Duration wait) {
                return api.assignments(node, after, wait);
            }

            @Override
            public Duration report(NodeReport report) {
                var reply = api.report(report);
                return reply == null || reply.heartbeatInterval() == null ? null : reply.heartbeatInterval().toDuration();
            }

            @Override
            public String toString() {
                return api.base().toString();
            }
        };
    }
}
