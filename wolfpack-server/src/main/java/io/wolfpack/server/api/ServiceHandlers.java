package io.wolfpack.server.api;

import io.javalin.http.Context;
import io.wolfpack.core.api.ScaleRequest;
import io.wolfpack.core.api.ServiceView;
import io.wolfpack.core.json.Json;
import io.wolfpack.core.model.ServiceRecord;
import io.wolfpack.core.spec.ServiceSpec;
import io.wolfpack.core.spec.SpecParser;
import io.wolfpack.server.cluster.ClusterViews;
import io.wolfpack.server.cluster.EventLog;
import io.wolfpack.store.ClusterMirror;
import io.wolfpack.store.ClusterStore;
import io.wolfpack.store.ConflictException;
import io.wolfpack.store.ZkPaths;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * /v1/services: create or update from a spec, read, scale, remove. Each write is acknowledged
 * only after ZooKeeper has it, and answers with the state the mirror shows after the write.
 */
final class ServiceHandlers {
    static final int MAX_REPLICAS = 1000;
    private static final Duration READ_YOUR_WRITE = Duration.ofSeconds(5);

    private final ClusterStore store;
    private final ClusterViews views;
    private final EventLog events;
    private final Clock clock;

    ServiceHandlers(ClusterStore store, ClusterViews views, EventLog events, Clock clock) {
        this.store = store;
        this.views = views;
        this.events = events;
        this.clock = clock;
    }

    void deploy(Context ctx) throws InterruptedException {
        SpecParser.Format format = SpecParser.Format.fromContentType(ctx.contentType());
        ServiceSpec spec = SpecParser.parse(ctx.body(), format);
        ClusterMirror mirror = store.mirror();
        ClusterMirror.Versioned<ServiceRecord> existing = mirror.service(spec.name());
        Instant now = clock.instant();
        if (existing == null) {
            ServiceRecord record = new ServiceRecord(spec, 1, now, now);
            var created = events.event("service.created", spec.name(), null, null,
                    "revision 1, " + spec.replicas() + " replicas of " + spec.image());
            try {
                create(record, created, false);
            } catch (ConflictException e) {
                // Perhaps the mirror had not yet shown the folders of a service of that name removed a
                // moment ago: ask ZooKeeper itself. A second conflict is a real one (created meanwhile).
                create(record, created, true);
            }
            ctx.status(201).json(awaitRecord(record));
            return;
        }
        ServiceRecord old = existing.value();
        if (spec.autoscale() != null && old.spec().autoscale() != null) {
            // The autoscaler owns the count: a redeploy keeps it (within the new bounds).
            spec = spec.withReplicas(Math.max(spec.autoscale().min(), Math.min(spec.autoscale().max(), old.spec().replicas())));
        }
        if (old.spec().equals(spec)) {
            ctx.json(views.service(old));
            return;
        }
        boolean onlyReplicas = old.spec().withReplicas(spec.replicas()).equals(spec);
        // After a rollback the current revision is not the highest: never reuse a number.
        long revision = onlyReplicas ? old.revision() : old.nextRevision(mirror.revisions(spec.name()));
        ServiceRecord record = new ServiceRecord(spec, revision, old.createdAt(), onlyReplicas ? old.updatedAt() : now,
                onlyReplicas ? old.failed() : null, onlyReplicas ? old.canary() : null);
        var batch = store.batch();
        if (!onlyReplicas) batch.putRevision(spec.name(), revision, spec, mirror.revision(spec.name(), revision) != null);
        batch.updateService(record, existing.version());
        if (onlyReplicas) {
            batch.event(events.event("service.scaled", spec.name(), null, null, old.spec().replicas() + " → " + spec.replicas() + " replicas"));
        } else {
            batch.event(events.event("service.updated", spec.name(), null, null, "revision " + revision + " (" + spec.image() + "), "
                    + spec.replicas() + " replicas; rolling update maxSurge " + spec.update().maxSurge()
                    + ", maxUnavailable " + spec.update().maxUnavailable()));
        }
        batch.commit();
        ctx.json(awaitRecord(record));
    }

    /** The spec, its revision, its folders and the event: one transaction, all of it kept or none. */
    private void create(ServiceRecord record, io.wolfpack.core.model.Event created, boolean checkFolders) {
        ServiceSpec spec = record.spec();
        ClusterStore.Batch batch = store.batch();
        // Its folders now, so that placing and reporting its instances write in one step each.
        for (String folder : new String[]{ZkPaths.instancesOf(spec.name()), ZkPaths.statusesOf(spec.name())}) {
            if (checkFolders) batch.folderChecked(folder);
            else batch.folder(folder);
        }
        batch.putRevision(spec.name(), 1, spec, store.mirror().revision(spec.name(), 1) != null, checkFolders)
                .createService(record)
                .event(created)
                .commit();
    }

    void list(Context ctx) {
        ctx.json(views.services());
    }

    void get(Context ctx) {
        ctx.json(views.service(find(ctx.pathParam("name")).value()));
    }

    void scale(Context ctx) throws InterruptedException {
        String name = ctx.pathParam("name");
        ScaleRequest req = readScale(ctx);
        if (req.replicas() < 0 || req.replicas() > MAX_REPLICAS) {
            throw HttpProblem.badField("replicas", String.valueOf(req.replicas()), "must be between 0 and " + MAX_REPLICAS);
        }
        ClusterMirror.Versioned<ServiceRecord> existing = find(name);
        ServiceRecord old = existing.value();
        if (old.spec().replicas() == req.replicas()) {
            ctx.json(views.service(old));
            return;
        }
        // Scaling is no rollout: the progress deadline keeps running from the last revision change.
        ServiceRecord record = new ServiceRecord(old.spec().withReplicas(req.replicas()), old.revision(), old.createdAt(),
                old.updatedAt(), old.failed(), old.canary());
        store.updateService(record, existing.version());
        events.emit("service.scaled", name, null, null, old.spec().replicas() + " → " + req.replicas() + " replicas");
        ctx.json(awaitRecord(record));
    }

    void remove(Context ctx) throws InterruptedException {
        String name = ctx.pathParam("name");
        ClusterMirror.Versioned<ServiceRecord> existing = find(name);
        store.deleteService(name, existing.version());
        events.emit("service.removed", name, null, null, "removing " + store.mirror().instances(name).size() + " instances");
        store.mirror().await(() -> store.mirror().service(name) == null, READ_YOUR_WRITE);
        ctx.json(Map.of("removed", name));
    }

    ClusterMirror.Versioned<ServiceRecord> find(String name) {
        ClusterMirror.Versioned<ServiceRecord> v = store.mirror().service(name);
        if (v == null) throw HttpProblem.notFound("no service named '" + name + "'");
        return v;
    }

    private static ScaleRequest readScale(Context ctx) {
        try {
            return Json.read(ctx.body(), ScaleRequest.class);
        } catch (RuntimeException e) {
            throw new HttpProblem(400, "the body must be {\"replicas\": N} with N a whole number between 0 and "
                    + MAX_REPLICAS + ": " + rootMessage(e));
        }
    }

    private ServiceView awaitRecord(ServiceRecord record) throws InterruptedException {
        BooleanSupplier visible = () -> {
            ClusterMirror.Versioned<ServiceRecord> v = store.mirror().service(record.name());
            return v != null && v.value().equals(record);
        };
        store.mirror().await(visible, READ_YOUR_WRITE);
        return views.service(record);
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) t = t.getCause();
        String m = t.getMessage();
        return m == null ? t.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
    }
}
