package io.wolfpack.agent;

import io.wolfpack.agent.docker.ContainerInfo;
import io.wolfpack.agent.docker.DockerEngine;
import io.wolfpack.agent.docker.WolfpackLabels;
import io.wolfpack.agent.health.HealthMonitor;
import io.wolfpack.agent.health.HealthObservation;
import io.wolfpack.agent.health.HealthTarget;
import io.wolfpack.agent.reconcile.HostReconciler;
import io.wolfpack.agent.reconcile.HostSnapshot;
import io.wolfpack.agent.reconcile.LocalInstanceState;
import io.wolfpack.agent.reconcile.ReconcileConfig;
import io.wolfpack.agent.reconcile.ReconcileResult;
import io.wolfpack.core.model.Assignment;
import io.wolfpack.core.model.InstanceState;
import io.wolfpack.core.model.InstanceStatus;
import io.wolfpack.core.model.NodeAssignments;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every reconcile interval, or when woken: look at the node's containers and the health verdicts,
 * let the pure {@link HostReconciler} decide, carry out its actions, publish statuses and health targets. When
 * the engine does not answer, it records the error for the report and does nothing else.
 */
final class ReconcileLoop extends AgentLoop {
    private static final Logger LOG = LoggerFactory.getLogger(ReconcileLoop.class);

    private final DockerEngine engine;
    private final AgentConfig config;
    private final AgentState state;
    private final HostReconciler reconciler;
    private final ReconcileConfig reconcileConfig;
    private final HostExecutor executor;
    private final HealthMonitor health;
    private final Runnable onStatusChange;
    private final Clock clock;
    private Map<String, LocalInstanceState> local = Map.of();

    ReconcileLoop(DockerEngine engine, AgentConfig config, AgentState state, ReconcileConfig reconcileConfig,
                  HealthMonitor health, Runnable onStatusChange, Clock clock) {
        super("wolfpack-agent-reconcile");
        this.engine = engine;
        this.config = config;
        this.state = state;
        this.reconcileConfig = reconcileConfig;
        this.reconciler = new HostReconciler(reconcileConfig);
        this.executor = new HostExecutor(engine, config, this::wake);
        this.health = health;
        this.onStatusChange = onStatusChange;
        this.clock = clock;
    }

    @Override
    protected Duration runOnce() {
        List<ContainerInfo> containers;
        try {
            containers = engine.listContainers(Map.of(WolfpackLabels.NODE, config.nodeName()));
            if (state.engineError != null || state.engineVersion == null) state.engineVersion = engine.version();
            if (state.engineError != null) {
                LOG.info("node {}: the Docker engine answers again", config.nodeName());
                state.engineError = null;
                onStatusChange.run();
            }
        } catch (RuntimeException e) {
            if (!running()) return Duration.ZERO;  // interrupted by stop()
            // nothing destructive while blind: keep everything, say why in the report
            String msg = "the Docker engine at " + config.dockerHost() + " does not answer: " + e.getMessage();
            if (!msg.equals(state.engineError)) {
                LOG.warn("node {}: {}", config.nodeName(), msg);
                state.engineError = msg;
                onStatusChange.run();
            }
            return config.reconcileInterval();
        }

        NodeAssignments set = state.assignments;
        Instant now = clock.instant();
        local = executor.applyOutcomes(local, now, reconcileConfig.backoff());
        List<Assignment> assignments = set == null ? List.of() : set.assignments();
        Map<String, HealthObservation> verdicts = new HashMap<>();
        for (HealthObservation o : health.observations()) verdicts.put(o.instanceId(), o);
        HostSnapshot snap = new HostSnapshot(config.nodeName(), set != null, assignments, containers,
                presentImages(assignments, containers), local, now, verdicts);
        ReconcileResult result = reconciler.reconcile(snap);
        local = result.local();
        boolean changed = executor.execute(result.actions());
        publish(result.statuses());
        health.sync(targets(assignments, containers, result.statuses()));
        return changed ? Duration.ZERO : config.reconcileInterval();
    }

    /** Which images the instances without a container need and already have. */
    private Set<String> presentImages(List<Assignment> assignments, List<ContainerInfo> containers) {
        Set<String> withContainer = new HashSet<>();
        for (ContainerInfo c : containers) withContainer.add(c.label(WolfpackLabels.INSTANCE) + "@" + c.label(WolfpackLabels.REVISION));
        Set<String> needed = new HashSet<>();
        for (Assignment a : assignments) {
            if (!withContainer.contains(a.instance().id() + "@" + a.instance().revision())) needed.add(a.spec().image());
        }
        Set<String> present = new HashSet<>();
        for (String image : needed) if (engine.imageExists(image)) present.add(image);
        return present;
    }

    private void publish(List<InstanceStatus> statuses) {
        List<InstanceStatus> before = state.statuses;
        state.statuses = statuses;
        if (!sameExceptSince(before, statuses)) onStatusChange.run();
    }

    /** STOPPING statuses carry "now" as since; that alone is no news worth a report. */
    private static boolean sameExceptSince(List<InstanceStatus> a, List<InstanceStatus> b) {
        if (a.size() != b.size()) return false;
        for (int i = 0; i < a.size(); i++) {
            InstanceStatus x = a.get(i);
            InstanceStatus y = b.get(i);
            if (!x.id().equals(y.id()) || x.state() != y.state() || x.restarts() != y.restarts()
                    || !java.util.Objects.equals(x.containerId(), y.containerId())
                    || !java.util.Objects.equals(x.message(), y.message())) return false;
        }
        return true;
    }

    private List<HealthTarget> targets(List<Assignment> assignments, List<ContainerInfo> containers, List<InstanceStatus> statuses) {
        Map<String, Assignment> byId = new HashMap<>();
        for (Assignment a : assignments) byId.put(a.instance().id(), a);
        Map<String, ContainerInfo> byContainer = new HashMap<>();
        for (ContainerInfo c : containers) byContainer.put(c.id(), c);
        List<HealthTarget> out = new ArrayList<>();
        for (InstanceStatus s : statuses) {
            Assignment a = byId.get(s.id());
            ContainerInfo c = s.containerId() == null ? null : byContainer.get(s.containerId());
            if (a == null || c == null || s.state() != InstanceState.RUNNING || a.spec().health() == null) continue;
            String portName = a.spec().health().portName();
            Integer hostPort = portName == null ? null : a.instance().hostPorts().get(portName);
            out.add(new HealthTarget(s.id(), c.id(), c.startedAt(), a.spec().health(), config.checkHost(), hostPort));
        }
        return out;
    }

    void closeExecutor() {
        executor.close();
    }
}
