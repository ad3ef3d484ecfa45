package io.wolfpack.core.image;

import com.fasterxml.jackson.annotation.JsonValue;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A patch campaign as a pure state machine: each transition returns a new record, and the runner
 * that does the builds and rollouts asks it what may start next. Images build in dependency order;
 * services roll out wave by wave once every image is built. The first failure halts the campaign
 * with its reason; what is done stays done, what was not started is not started.
 *
 * <p>Starting work (an image build, a service rollout) needs a running campaign. Results of work
 * already under way are recorded in any state but done, so that the record says what really
 * happened even after a pause, a halt or an abort. A wrong transition is an IllegalStateException.
 */
public record Campaign(String id, String base, CampaignPlan plan, State state, Map<String, ImageStatus> images,
                       Map<String, ServiceStatus> services, Instant startedAt, Instant updatedAt, String haltReason) {

    public enum State {
        RUNNING, PAUSED, HALTED, DONE, ABORTED;

        @JsonValue
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Campaign {
        if (id == null || id.isBlank()) throw new IllegalArgumentException("campaign id must not be empty");
        if (plan == null || state == null) throw new IllegalArgumentException("campaign " + id + " needs a plan and a state");
        images = Collections.unmodifiableMap(images == null ? new TreeMap<>() : new TreeMap<>(images));
        services = Collections.unmodifiableMap(services == null ? new TreeMap<>() : new TreeMap<>(services));
    }

    /** A running campaign with everything pending; one with nothing to do is done at once. */
    public static Campaign start(String id, CampaignPlan plan, Instant now) {
        Map<String, ImageStatus> images = new TreeMap<>();
        plan.images().forEach(i -> images.put(i, ImageStatus.PENDING));
        Map<String, ServiceStatus> services = new TreeMap<>();
        plan.services().forEach(s -> services.put(s, ServiceStatus.PENDING));
        return new Campaign(id, plan.base(), plan, State.RUNNING, images, services, now, now, null).doneIfComplete();
    }

    // ---- images

    /** A build (or rebase) of a pending image whose dependencies are all built starts. */
    public Campaign imageBuilding(String image, Instant now) {
        requireRunning("start building image " + image);
        requireImage(image, ImageStatus.Phase.PENDING);
        List<String> waiting = plan.dependenciesOf(image).stream().filter(d -> !images.get(d).phase().complete()).toList();
        if (!waiting.isEmpty()) {
            throw new IllegalStateException("image " + image + " cannot build yet: it waits for " + describeImages(waiting));
        }
        return withImage(image, new ImageStatus(ImageStatus.Phase.BUILDING, "", null), now);
    }

    /** A building image was built or rebased, as {@code build.method()} says. */
    public Campaign imageDone(String image, ImageBuild build, Instant now) {
        requireNotDone("record image " + image);
        requireImage(image, ImageStatus.Phase.BUILDING);
        if (!image.equals(build.image())) {
            throw new IllegalArgumentException("build of '" + build.image() + "' recorded as the result of image '" + image + "'");
        }
        ImageStatus.Phase phase = ImageBuild.REBASE.equals(build.method()) ? ImageStatus.Phase.REBASED : ImageStatus.Phase.BUILT;
        return withImage(image, new ImageStatus(phase, build.note(), build.digest()), now).doneIfComplete();
    }

    /** A pending or building image failed: the campaign halts with the reason. */
    public Campaign imageFailed(String image, String reason, Instant now) {
        requireNotDone("record image " + image);
        requireImage(image, ImageStatus.Phase.PENDING, ImageStatus.Phase.BUILDING);
        return withImage(image, new ImageStatus(ImageStatus.Phase.FAILED, reason, null), now)
                .halt("image " + image + " failed: " + reason);
    }

    // ---- services

    /** A pending service of the current wave starts rolling out, once every image is built. */
    public Campaign serviceRolling(String service, Instant now) {
        requireRunning("roll out service " + service);
        requireService(service, ServiceStatus.Phase.PENDING);
        List<String> notBuilt = images.entrySet().stream().filter(e -> !e.getValue().phase().complete()).map(Map.Entry::getKey).toList();
        if (!notBuilt.isEmpty()) {
            throw new IllegalStateException("service " + service + " cannot roll out yet: images not built: " + describeImages(notBuilt));
        }
        int wave = plan.waveOf(service);
        int current = currentWave();
        if (wave != current) {
            throw new IllegalStateException("service " + service + " is in wave " + (wave + 1) + ", but wave " + (current + 1)
                    + " is not finished: " + describeServices(plan.serviceWaves().get(current)));
        }
        return withService(service, new ServiceStatus(ServiceStatus.Phase.ROLLING, ""), now);
    }

    /** A rolling service finished its rollout. */
    public Campaign serviceDone(String service, Instant now) {
        requireNotDone("record service " + service);
        requireService(service, ServiceStatus.Phase.ROLLING);
        return withService(service, new ServiceStatus(ServiceStatus.Phase.DONE, ""), now).doneIfComplete();
    }

    /** A pending or rolling service failed (e.g. its canary): the whole campaign halts with the reason. */
    public Campaign serviceFailed(String service, String reason, Instant now) {
        requireNotDone("record service " + service);
        requireService(service, ServiceStatus.Phase.PENDING, ServiceStatus.Phase.ROLLING);
        return withService(service, new ServiceStatus(ServiceStatus.Phase.FAILED, reason), now)
                .halt("service " + service + " failed: " + reason);
    }

    // ---- operator

    public Campaign pause(Instant now) {
        if (state != State.RUNNING) throw illegal("paused", "only a running campaign can be paused");
        return with(State.PAUSED, haltReason, now);
    }

    public Campaign resume(Instant now) {
        if (state != State.PAUSED) throw illegal("resumed", "only a paused campaign can be resumed");
        return with(State.RUNNING, haltReason, now);
    }

    /** Stops the campaign for good; work already under way is still recorded when it ends. */
    public Campaign abort(Instant now) {
        if (state == State.DONE || state == State.ABORTED) throw illegal("aborted", "it is already over");
        return with(State.ABORTED, haltReason, now);
    }

    // ---- what next

    /**
     * Pending images whose dependencies are all built or rebased, in plan order, at most as many
     * as {@code parallelism} leaves free beside the images building now; none unless running.
     */
    public List<String> imagesReady(int parallelism) {
        if (parallelism < 1) throw new IllegalArgumentException("parallelism must be at least 1, got " + parallelism);
        if (state != State.RUNNING) return List.of();
        long building = images.values().stream().filter(s -> s.phase() == ImageStatus.Phase.BUILDING).count();
        long free = Math.max(0, parallelism - building);
        return plan.images().stream()
                .filter(i -> images.get(i).phase() == ImageStatus.Phase.PENDING)
                .filter(i -> plan.dependenciesOf(i).stream().allMatch(d -> images.get(d).phase().complete()))
                .limit(free)
                .toList();
    }

    /** The pending services of the current wave, once every image is built; none unless running. */
    public List<String> nextWave() {
        int current = currentWave();
        if (state != State.RUNNING || !imagesComplete() || current < 0) return List.of();
        return plan.serviceWaves().get(current).stream()
                .filter(s -> services.get(s).phase() == ServiceStatus.Phase.PENDING).toList();
    }

    /** Index of the first wave with a service not done, or -1 when every service is done. */
    public int currentWave() {
        List<List<String>> waves = plan.serviceWaves();
        for (int i = 0; i < waves.size(); i++) {
            if (waves.get(i).stream().anyMatch(s -> services.get(s).phase() != ServiceStatus.Phase.DONE)) return i;
        }
        return -1;
    }

    /** Every image of the plan is built or rebased. */
    public boolean imagesComplete() {
        return images.values().stream().allMatch(s -> s.phase().complete());
    }

    // ---- helpers

    private Campaign doneIfComplete() {
        boolean servicesDone = services.values().stream().allMatch(s -> s.phase() == ServiceStatus.Phase.DONE);
        if ((state == State.RUNNING || state == State.PAUSED) && imagesComplete() && servicesDone) {
            return with(State.DONE, haltReason, updatedAt);
        }
        return this;
    }

    /** The first failure halts; a later one (of work that was under way) keeps the first reason. */
    private Campaign halt(String reason) {
        if (state == State.RUNNING || state == State.PAUSED) return with(State.HALTED, reason, updatedAt);
        return this;
    }

    private Campaign with(State s, String reason, Instant now) {
        return new Campaign(id, base, plan, s, images, services, startedAt, now, reason);
    }

    private Campaign withImage(String image, ImageStatus status, Instant now) {
        Map<String, ImageStatus> m = new TreeMap<>(images);
        m.put(image, status);
        return new Campaign(id, base, plan, state, m, services, startedAt, now, haltReason);
    }

    private Campaign withService(String service, ServiceStatus status, Instant now) {
        Map<String, ServiceStatus> m = new TreeMap<>(services);
        m.put(service, status);
        return new Campaign(id, base, plan, state, images, m, startedAt, now, haltReason);
    }

    private void requireRunning(String what) {
        if (state != State.RUNNING) {
            throw new IllegalStateException("cannot " + what + ": campaign " + id + " is " + describeState()
                    + (state == State.PAUSED ? "; resume it first" : ""));
        }
    }

    private void requireNotDone(String what) {
        if (state == State.DONE) throw new IllegalStateException("cannot " + what + ": campaign " + id + " is done");
    }

    private void requireImage(String image, ImageStatus.Phase... allowed) {
        ImageStatus s = images.get(image);
        if (s == null) {
            throw new IllegalArgumentException("image '" + image + "' is not part of campaign " + id + "; images: " + String.join(", ", images.keySet()));
        }
        if (!List.of(allowed).contains(s.phase())) {
            throw new IllegalStateException("image " + image + " of campaign " + id + " is " + s.phase().wire() + ", not "
                    + List.of(allowed).stream().map(ImageStatus.Phase::wire).collect(Collectors.joining(" or ")));
        }
    }

    private void requireService(String service, ServiceStatus.Phase... allowed) {
        ServiceStatus s = services.get(service);
        if (s == null) {
            throw new IllegalArgumentException("service '" + service + "' is not part of campaign " + id + "; services: "
                    + String.join(", ", services.keySet()));
        }
        if (!List.of(allowed).contains(s.phase())) {
            throw new IllegalStateException("service " + service + " of campaign " + id + " is " + s.phase().wire() + ", not "
                    + List.of(allowed).stream().map(ServiceStatus.Phase::wire).collect(Collectors.joining(" or ")));
        }
    }

    private IllegalStateException illegal(String verb, String why) {
        return new IllegalStateException("campaign " + id + " cannot be " + verb + ": it is " + describeState() + "; " + why);
    }

    private String describeState() {
        return state.wire() + (haltReason == null ? "" : " (" + haltReason + ")");
    }

    private String describeImages(List<String> names) {
        return names.stream().map(n -> n + " (" + images.get(n).phase().wire() + ")").collect(Collectors.joining(", "));
    }

    private String describeServices(List<String> names) {
        return names.stream().map(n -> n + " (" + services.get(n).phase().wire() + ")").collect(Collectors.joining(", "));
    }
}
