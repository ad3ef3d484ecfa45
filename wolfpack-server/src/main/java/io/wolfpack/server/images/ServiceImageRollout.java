package io.wolfpack.server.images;

import io.wolfpack.core.api.InstanceView;
import io.wolfpack.core.api.ServiceView;
import io.wolfpack.core.model.ServiceRecord;
import io.wolfpack.core.spec.ServiceSpec;
import io.wolfpack.core.spec.UpdateSpec;
import io.wolfpack.server.cluster.ClusterViews;
import io.wolfpack.server.cluster.EventLog;
import io.wolfpack.store.ClusterMirror;
import io.wolfpack.store.ClusterStore;

import java.time.Clock;
import java.time.Instant;

/**
 * A campaign's change to one service: the same spec with the patched image, as a new revision,
 * rolled out by the ordinary machinery (canary, then rolling). A service whose spec has no
 * {@code update.canary} gets the campaign's canary for this revision, so every campaign rollout
 * goes canary-first; the revision's spec shows it.
 */
final class ServiceImageRollout {
    /** Where a campaign's rollout of one service stands. */
    enum Outcome { ROLLING, DONE, FAILED, GONE }

    private final ClusterStore store;
    private final ClusterViews views;
    private final EventLog events;
    private final Clock clock;

    ServiceImageRollout(ClusterStore store, ClusterViews views, EventLog events, Clock clock) {
        this.store = store;
        this.views = views;
        this.events = events;
        this.clock = clock;
    }

    /** Writes the new revision; returns its number (the current one when the image is already there). */
    long start(String service, String image, UpdateSpec.Canary canary, String campaign) {
        ClusterMirror mirror = store.mirror();
        ClusterMirror.Versioned<ServiceRecord> existing = mirror.service(service);
        if (existing == null) throw new IllegalStateException("service " + service + " no longer exists");
        ServiceRecord old = existing.value();
        ServiceSpec spec = withImage(old.spec(), image, canary);
        if (spec.equals(old.spec())) return old.revision();
        long revision = old.nextRevision(mirror.revisions(service));
        Instant now = clock.instant();
        ServiceRecord record = new ServiceRecord(spec, revision, old.createdAt(), now, null, null);
        store.batch()
                .putRevision(service, revision, spec, mirror.revision(service, revision) != null)
                .updateService(record, existing.version())
                .event(events.event("campaign.rollout", service, null, null, "campaign " + campaign + ": revision " + revision
                        + " (" + image + "), canary " + spec.update().canary().weight() + "% for " + spec.update().canary().hold()))
                .commit();
        return revision;
    }

    static ServiceSpec withImage(ServiceSpec s, String image, UpdateSpec.Canary canary) {
        UpdateSpec u = s.update();
        UpdateSpec update = u.canary() != null ? u
                : new UpdateSpec(u.maxSurge(), u.maxUnavailable(), canary, u.drain(), u.minReady(), u.progressDeadline());
        return new ServiceSpec(s.name(), image, s.replicas(), s.command(), s.env(), s.resources(), s.ports(), s.health(),
                s.route(), s.placement(), update, s.autoscale());
    }

    /**
     * Done when the service is at {@code revision}, its canary is over and every instance left
     * runs that revision and serves; failed when that revision was rolled back.
     */
    Outcome outcome(String service, long revision) {
        ClusterMirror.Versioned<ServiceRecord> v = store.mirror().service(service);
        if (v == null) return Outcome.GONE;
        ServiceRecord r = v.value();
        if (r.failed() != null && r.failed().revision() == revision) return Outcome.FAILED;
        if (r.revision() != revision) return r.revision() > revision ? Outcome.DONE : Outcome.FAILED;
        if (r.splittingCanary() != null) return Outcome.ROLLING;
        ServiceView view = views.service(r);
        for (InstanceView i : view.instances()) {
            if (i.revision() != revision) return Outcome.ROLLING;
        }
        // every instance runs the revision now, so the view's count of serving ones is theirs
        return view.healthy() >= view.desired() ? Outcome.DONE : Outcome.ROLLING;
    }

    /** Why a failed rollout failed, from the service record. */
    String failure(String service) {
        ClusterMirror.Versioned<ServiceRecord> v = store.mirror().service(service);
        if (v == null) return "service " + service + " was removed";
        return v.value().failed() == null ? "rolled back" : v.value().failed().reason();
    }
}
