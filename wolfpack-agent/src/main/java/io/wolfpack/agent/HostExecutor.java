package io.wolfpack.agent;

import io.wolfpack.agent.docker.DockerEngine;
import io.wolfpack.agent.reconcile.Backoff;
import io.wolfpack.agent.reconcile.ContainerRequests;
import io.wolfpack.agent.reconcile.HostAction;
import io.wolfpack.agent.reconcile.LocalInstanceState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Carries out the reconciler's actions. Creates and starts run in the reconcile thread; pulls and
 * removals (which can take long) run on a small pool, one at a time per image or container. One
 * failing action never stops the others: each failure becomes an {@link Outcome} that the
 * reconcile thread folds into its memory, which puts the instance into backoff.
 */
final class HostExecutor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HostExecutor.class);

    /** What happened to an action, for the instance's memory. */
    sealed interface Outcome {
        record PullFailed(String instanceId, String error) implements Outcome { }
        record PullSucceeded(String instanceId) implements Outcome { }
        record StartFailed(String instanceId, String what, String error) implements Outcome { }
    }

    private final DockerEngine engine;
    private final AgentConfig config;
    private final Runnable wakeReconcile;
    private final ExecutorService slow;
    private final Queue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
    private final Set<String> pulling = ConcurrentHashMap.newKeySet();
    private final Set<String> removing = ConcurrentHashMap.newKeySet();

    HostExecutor(DockerEngine engine, AgentConfig config, Runnable wakeReconcile) {
        this.engine = engine;
        this.config = config;
        this.wakeReconcile = wakeReconcile;
        AtomicInteger n = new AtomicInteger();
        this.slow = Executors.newFixedThreadPool(3, r -> {
            Thread t = new Thread(r, "wolfpack-agent-docker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Runs the actions; returns whether anything changed on the host right away (so a new pass should look). */
    boolean execute(List<HostAction> actions) {
        boolean changed = false;
        Map<String, List<String>> pullsByImage = new LinkedHashMap<>();
        for (HostAction action : actions) {
            if (action instanceof HostAction.Remove r) {
                removeAsync(r);
            } else if (action instanceof HostAction.Pull p) {
                pullsByImage.computeIfAbsent(p.image(), k -> new ArrayList<>()).add(p.instanceId());
            } else if (action instanceof HostAction.Create c) {
                changed |= create(c);
            } else if (action instanceof HostAction.Start s) {
                changed |= start(s);
            }
            // Hold: the instance is in backoff, deliberately nothing
        }
        pullsByImage.forEach(this::pullAsync);
        return changed;
    }

    /** Folds the outcomes that arrived since the last pass into the instances' memory. */
    Map<String, LocalInstanceState> applyOutcomes(Map<String, LocalInstanceState> local, Instant now, Backoff backoff) {
        if (outcomes.isEmpty()) return local;
        Map<String, LocalInstanceState> next = new HashMap<>(local);
        for (Outcome o; (o = outcomes.poll()) != null; ) {
            if (o instanceof Outcome.PullFailed f) {
                next.put(f.instanceId(), state(next, f.instanceId()).pullFailed(f.error(), now, backoff));
            } else if (o instanceof Outcome.PullSucceeded s) {
                next.put(s.instanceId(), state(next, s.instanceId()).withPullsSucceeded());
            } else if (o instanceof Outcome.StartFailed f) {
                next.put(f.instanceId(), state(next, f.instanceId()).startFailed(f.what(), f.error(), now, backoff));
            }
        }
        return next;
    }

    private static LocalInstanceState state(Map<String, LocalInstanceState> m, String id) {
        return m.getOrDefault(id, LocalInstanceState.FRESH);
    }

    private boolean create(HostAction.Create c) {
        String id = c.instanceId();
        var request = ContainerRequests.forAssignment(c.assignment(), config.nodeName(), config.publishIp());
        String containerId;
        try {
            containerId = engine.create(request);
        } catch (RuntimeException e) {
            LOG.warn("instance {}: create {} from {} failed: {}", id, request.name(), request.image(), e.getMessage());
            outcomes.add(new Outcome.StartFailed(id, "create failed", e.getMessage()));
            return true;
        }
        try {
            engine.start(containerId);
            LOG.info("instance {}: started new container {} from {}", id, short12(containerId), request.image());
        } catch (RuntimeException e) {
            LOG.warn("instance {}: start of new container {} failed: {}", id, short12(containerId), e.getMessage());
            outcomes.add(new Outcome.StartFailed(id, "start failed", e.getMessage()));
        }
        return true;
    }

    private boolean start(HostAction.Start s) {
        try {
            engine.start(s.containerId());
            LOG.info("instance {}: restarted container {}", s.instanceId(), short12(s.containerId()));
        } catch (RuntimeException e) {
            LOG.warn("instance {}: start of container {} failed: {}", s.instanceId(), short12(s.containerId()), e.getMessage());
            outcomes.add(new Outcome.StartFailed(s.instanceId(), "start failed", e.getMessage()));
        }
        return true;
    }

    private void pullAsync(String image, List<String> instanceIds) {
        if (!pulling.add(image)) return;  // already being pulled
        LOG.info("pulling {} for {}", image, instanceIds);
        submit(() -> {
            try {
                engine.pull(image);
                LOG.info("pulled {}", image);
                instanceIds.forEach(i -> outcomes.add(new Outcome.PullSucceeded(i)));
            } catch (RuntimeException e) {
                LOG.warn("pull of {} for {} failed: {}", image, instanceIds, e.getMessage());
                instanceIds.forEach(i -> outcomes.add(new Outcome.PullFailed(i, e.getMessage())));
            } finally {
                pulling.remove(image);
                wakeReconcile.run();
            }
        }, () -> pulling.remove(image));
    }

    private void removeAsync(HostAction.Remove r) {
        if (!removing.add(r.containerId())) return;
        LOG.info("instance {}: removing container {}: {}", r.instanceId(), short12(r.containerId()), r.reason());
        submit(() -> {
            try {
                engine.stop(r.containerId(), (int) Math.min(Integer.MAX_VALUE, config.stopGrace().toSeconds()));
            } catch (RuntimeException e) {
                // removal with force still follows
                LOG.debug("stop of {} failed: {}", r.containerId(), e.getMessage());
            }
            try {
                engine.remove(r.containerId(), true);
            } catch (RuntimeException e) {
                LOG.warn("instance {}: remove of container {} failed: {}; trying again next pass",
                        r.instanceId(), short12(r.containerId()), e.getMessage());
            } finally {
                removing.remove(r.containerId());
                wakeReconcile.run();
            }
        }, () -> removing.remove(r.containerId()));
    }

    private void submit(Runnable task, Runnable onRejected) {
        try {
            slow.execute(task);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            onRejected.run();  // shutting down
        }
    }

    private static String short12(String id) {
        return id != null && id.length() > 12 ? id.substring(0, 12) : id;
    }

    @Override
    public void close() {
        slow.shutdownNow();
        try {
            slow.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
