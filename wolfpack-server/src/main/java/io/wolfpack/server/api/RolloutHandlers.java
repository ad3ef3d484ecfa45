package io.wolfpack.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.wolfpack.core.api.RevisionView;
import io.wolfpack.core.json.Json;
import io.wolfpack.core.model.Instance;
import io.wolfpack.core.model.ServiceRecord;
import io.wolfpack.core.spec.ServiceSpec;
import io.wolfpack.server.cluster.ClusterViews;
import io.wolfpack.server.cluster.EventLog;
import io.wolfpack.store.ClusterMirror;
import io.wolfpack.store.ClusterStore;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/** /v1/services/{name}/revisions and /rollback: a service's kept revisions, and going back to one. */
final class RolloutHandlers {
    private static final Duration READ_YOUR_WRITE = Duration.ofSeconds(5);

    private final ClusterStore store;
    private final ClusterViews views;
    private final EventLog events;
    private final Clock clock;
    private final ServiceHandlers services;

    RolloutHandlers(ClusterStore store, ClusterViews views, EventLog events, Clock clock, ServiceHandlers services) {
        this.store = store;
        this.views = views;
        this.events = events;
        this.clock = clock;
        this.services = services;
    }

    /** Every kept revision, oldest first. */
    void revisions(Context ctx) {
        String name = ctx.pathParam("name");
        ServiceRecord record = services.find(name).value();
        ClusterMirror mirror = store.mirror();
        Map<Long, Integer> running = new java.util.HashMap<>();
        for (Instance i : mirror.instances(name).values()) running.merge(i.revision(), 1, Integer::sum);
        List<RevisionView> out = new ArrayList<>();
        mirror.revisions(name).forEach((rev, spec) -> out.add(new RevisionView(rev, spec.image(), rev == record.revision(),
                running.getOrDefault(rev, 0),
                record.failed() != null && record.failed().revision() == rev ? record.failed().reason() : null, spec)));
        ctx.json(out);
    }

    /**
     * Body {"to": REV}, or none for the revision before the current one. The service runs that
     * revision's spec again (at today's replicas), rolled out like any change; its number is kept.
     */
    void rollback(Context ctx) throws InterruptedException {
        String name = ctx.pathParam("name");
        ClusterMirror.Versioned<ServiceRecord> existing = services.find(name);
        ServiceRecord now = existing.value();
        SortedMap<Long, ServiceSpec> kept = store.mirror().revisions(name);
        long to = target(ctx, now, kept);
        if (to == now.revision()) throw HttpProblem.badField("to", String.valueOf(to), "revision " + to + " is the current one");
        ServiceSpec spec = kept.get(to);
        if (spec == null) {
            throw HttpProblem.badField("to", String.valueOf(to), "revision " + to + " is not kept; kept revisions: " + kept.keySet());
        }
        ServiceRecord back = new ServiceRecord(spec.withReplicas(now.spec().replicas()), to, now.createdAt(), clock.instant());
        store.batch().updateService(back, existing.version())
                .event(events.event("rollout.undo", name, null, null, "back from revision " + now.revision() + " to revision "
                        + to + " (" + spec.image() + ")"))
                .commit();
        store.mirror().await(() -> {
            var v = store.mirror().service(name);
            return v != null && v.value().equals(back);
        }, READ_YOUR_WRITE);
        ctx.json(views.service(back));
    }

    /** Holds a canary where it is: traffic stays split, no verdict, no promotion. */
    void pause(Context ctx) throws InterruptedException {
        changeCanary(ctx, io.wolfpack.core.model.CanaryState.Phase.PAUSED, "rollout.paused", "the canary holds until resume, promote or undo");
    }

    /** Lets a paused canary be judged again. */
    void resume(Context ctx) throws InterruptedException {
        changeCanary(ctx, io.wolfpack.core.model.CanaryState.Phase.HOLDING, "rollout.resumed", "the canary is judged again");
    }

    /** Ends the canary now as passed: the rolling update goes on. */
    void promote(Context ctx) throws InterruptedException {
        changeCanary(ctx, io.wolfpack.core.model.CanaryState.Phase.PROMOTED, "rollout.promoted", "promoted by hand; rolling on");
    }

    private void changeCanary(Context ctx, io.wolfpack.core.model.CanaryState.Phase phase, String eventType, String message)
            throws InterruptedException {
        String name = ctx.pathParam("name");
        ClusterMirror.Versioned<ServiceRecord> existing = services.find(name);
        ServiceRecord now = existing.value();
        var canary = now.splittingCanary();
        if (canary == null) {
            throw new HttpProblem(409, "service " + name + " has no canary in progress (revision " + now.revision()
                    + (now.spec().update().canary() == null ? " has no update.canary in its spec)" : " is past its canary)")
                    + "; see wolfpack rollout status " + name);
        }
        ServiceRecord changed = now.withCanary(canary.withPhase(phase));
        if (!changed.equals(now)) {
            store.batch().updateService(changed, existing.version())
                    .event(events.event(eventType, name, null, null, "revision " + now.revision() + ": " + message))
                    .commit();
            store.mirror().await(() -> {
                var v = store.mirror().service(name);
                return v != null && v.value().equals(changed);
            }, READ_YOUR_WRITE);
        }
        ctx.json(views.service(changed));
    }

    private static long target(Context ctx, ServiceRecord now, SortedMap<Long, ServiceSpec> kept) {
        String body = ctx.body();
        if (body != null && !body.isBlank()) {
            JsonNode to;
            try {
                to = Json.MAPPER.readTree(body).get("to");
            } catch (java.io.IOException | RuntimeException e) {
                throw new HttpProblem(400, "the body must be {\"to\": REVISION} or empty: " + ServiceHandlers.rootMessage(e));
            }
            if (to != null && !to.isNull()) {
                if (!to.isIntegralNumber() || to.asLong() < 1) {
                    throw HttpProblem.badField("to", to.toString(), "must be a revision number (see rollout history)");
                }
                return to.asLong();
            }
        }
        SortedMap<Long, ServiceSpec> before = kept.headMap(now.revision());
        if (before.isEmpty()) {
            throw HttpProblem.badField("to", null, "revision " + now.revision() + " is the first kept revision; there is none to go back to");
        }
        return before.lastKey();
    }
}
