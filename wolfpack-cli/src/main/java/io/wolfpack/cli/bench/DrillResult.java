package io.wolfpack.cli.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/**
 * The numbers of one fault drill, computed from what it recorded. Times are seconds after the
 * fault command started ({@link DrillRecord#faultNanos}), except {@code converged}, which counts
 * from the restore command's start. Null means "did not happen".
 *
 * @param lastServedByDead    end of the last response an instance on the failed host gave after the fault
 * @param attempts            what each view saw of attempts at the failed host between the fault and the restore
 * @param routeDropped        the first route table after the fault without the failed host's endpoints
 * @param routeRelisted       the last table, after that one and before the restore, that listed them again (null: none did)
 * @param replacementsHealthy the first moment {@code replicas} routable instances ran on other hosts
 * @param converged           seconds after the restore began until exactly {@code replicas} instances, all routable, one container each
 * @param nodeEvents          every node's liveness events ("h2 node.suspect +2.1s"), the failed node's and any other's
 * @param troubles            the service's events that say something went wrong (backoff, unhealthy, ...): count and the first
 */
record DrillResult(String fault, String deadNode, int replicas, double faultCommandSeconds,
                   Window warmup, Window during, Window restore, List<String> firstFailures, Map<String, Integer> failureReasons,
                   int servedByDeadAfterFault, Double lastServedByDead, List<Attempts> attempts,
                   Double routeDropped, Double routeRelisted, Double replacementsHealthy, Double converged,
                   Map<String, Integer> containersAfter, List<String> nodeEvents, List<String> troubles) {
    static final double TARGET_ATTEMPTS_SECONDS = 1.0;
    static final double TARGET_REPLACEMENTS_SECONDS = 5.0;
    static final int FAILURES_LISTED = 5;
    /** Service events of a normal failover; any other type is listed as trouble. */
    static final java.util.Set<String> ROUTINE = java.util.Set.of("instance.placed", "instance.started", "instance.healthy",
            "instance.removed", "service.created", "service.updated", "service.removed", "service.scaled");

    /** Requests that started in one part of the drill. */
    record Window(int sent, int failed, Latencies.Summary latency) {
    }

    /** What one view saw between the fault and the restore: when it saw attempts (seconds after the fault), and the last. */
    record Attempts(String source, String unavailable, List<Double> seenAt, Double last, String note) {
    }

    static DrillResult of(DrillRecord r) {
        long t0 = r.faultNanos();
        long restoreAt = r.restoreNanos() > 0 ? r.restoreNanos() : Long.MAX_VALUE;

        List<DrillRequest> warm = new ArrayList<>(), during = new ArrayList<>(), after = new ArrayList<>();
        for (DrillRequest q : r.requests()) {
            if (q.startNanos() < t0) warm.add(q);
            else if (q.startNanos() < restoreAt) during.add(q);
            else after.add(q);
        }
        List<String> first = new ArrayList<>();
        Map<String, Integer> reasons = new TreeMap<>();
        int servedByDead = 0;
        Double lastServed = null;
        for (DrillRequest q : r.requests()) {
            if (q.ok() && q.endNanos() >= t0 && r.deadNode().equals(r.instanceNodes().get(q.instance()))) {
                servedByDead++;
                lastServed = max(lastServed, seconds(q.endNanos() - t0));
            }
            if (q.ok() || q.startNanos() < t0) continue;
            reasons.merge(reasonKey(q.error()), 1, Integer::sum);
            if (first.size() < FAILURES_LISTED) {
                first.add(String.format("%+.3fs  %s  (after %.0f ms)", seconds(q.startNanos() - t0), q.error(), q.latencyNanos() / 1e6));
            }
        }

        List<Attempts> attempts = new ArrayList<>();
        for (DrillRecord.AttemptView v : r.attemptViews()) {
            List<Double> seen = new ArrayList<>();
            Double last = null;
            for (long at : v.seenAt()) {
                if (at < t0 || at >= restoreAt) continue;
                seen.add(seconds(at - t0));
                last = max(last, seconds(at - t0));
            }
            attempts.add(new Attempts(v.source(), v.unavailable(), seen, last, v.note()));
        }

        List<String> events = new ArrayList<>();
        Map<String, List<DrillRecord.ServerEvent>> trouble = new TreeMap<>();
        for (DrillRecord.ServerEvent e : r.events()) {
            if (e.type().startsWith("node.")) {
                events.add((e.node() == null ? "" : e.node() + " ") + e.type() + " " + offset(r, e));
            } else if (!ROUTINE.contains(e.type())) {
                trouble.computeIfAbsent(e.type(), k -> new ArrayList<>()).add(e);
            }
        }
        List<String> troubles = new ArrayList<>();
        trouble.forEach((type, list) -> {
            DrillRecord.ServerEvent e = list.get(0);
            String msg = e.message() == null ? "" : e.message();
            troubles.add(String.format("%s ×%d, first %s%s: %s", type, list.size(), offset(r, e), e.node() == null ? "" : " on " + e.node(),
                    msg.length() > 160 ? msg.substring(0, 160) + "..." : msg));
        });

        return new DrillResult(r.fault(), r.deadNode(), r.replicas(), seconds(r.faultDoneNanos() - t0),
                window(warm), window(during), window(after), first, reasons, servedByDead, lastServed, attempts,
                routeDropped(r), routeRelisted(r), replacementsHealthy(r), r.convergedNanos() > 0 ? seconds(r.convergedNanos() - r.restoreNanos()) : null,
                r.containersAfter(), events, troubles);
    }

    private static String offset(DrillRecord r, DrillRecord.ServerEvent e) {
        return String.format("%+.1fs", Duration.between(r.faultWall(), e.time()).toMillis() / 1000.0);
    }

    /** The moments of the samples whose value rose over the sample before (a counter's increments, as sampled). */
    static <T> List<Long> rises(List<T> samples, ToLongFunction<T> at, ToDoubleFunction<T> value) {
        List<Long> out = new ArrayList<>();
        for (int i = 1; i < samples.size(); i++) {
            if (value.applyAsDouble(samples.get(i)) > value.applyAsDouble(samples.get(i - 1))) out.add(at.applyAsLong(samples.get(i)));
        }
        return out;
    }

    /** The first table after the fault that lists none of the failed host's endpoints (0 if the last one before already did not). */
    static Double routeDropped(DrillRecord r) {
        Boolean listedAtFault = null;
        for (DrillServerWatch.RouteSample s : r.routes()) {
            boolean listed = s.endpointHosts().contains(r.deadHost());
            if (s.atNanos() < r.faultNanos()) {
                listedAtFault = listed;
            } else if (!listed) {
                return Boolean.FALSE.equals(listedAtFault) ? 0.0 : seconds(s.atNanos() - r.faultNanos());
            }
        }
        return Boolean.FALSE.equals(listedAtFault) ? 0.0 : null;
    }

    /** The last table before the restore that listed the failed host's endpoints again after they had left; null if none did. */
    static Double routeRelisted(DrillRecord r) {
        Double dropped = routeDropped(r);
        if (dropped == null) return null;
        long droppedAt = r.faultNanos() + (long) (dropped * 1e9);
        long restoreAt = r.restoreNanos() > 0 ? r.restoreNanos() : Long.MAX_VALUE;
        Double last = null;
        for (DrillServerWatch.RouteSample s : r.routes()) {
            if (s.atNanos() > droppedAt && s.atNanos() < restoreAt && s.endpointHosts().contains(r.deadHost())) {
                last = seconds(s.atNanos() - r.faultNanos());
            }
        }
        return last;
    }

    /** The first service sample after the fault with {@code replicas} routable instances on other nodes. */
    static Double replacementsHealthy(DrillRecord r) {
        for (DrillServerWatch.ServiceSample s : r.services()) {
            if (s.atNanos() < r.faultNanos()) continue;
            long elsewhere = s.instances().stream().filter(i -> i.routable() && !r.deadNode().equals(i.node())).count();
            if (elsewhere >= r.replicas()) return seconds(s.atNanos() - r.faultNanos());
        }
        return null;
    }

    /** "502 connect-failed" from "502 connect-failed: route x: ...", or the error up to its first ':'. */
    static String reasonKey(String error) {
        if (error == null) return "?";
        int colon = error.indexOf(':');
        return colon < 0 ? error : error.substring(0, colon);
    }

    private static Window window(List<DrillRequest> requests) {
        long[] micros = new long[requests.size()];
        int failed = 0;
        for (int i = 0; i < micros.length; i++) {
            DrillRequest q = requests.get(i);
            micros[i] = q.latencyNanos() / 1000;
            if (!q.ok()) failed++;
        }
        return new Window(requests.size(), failed, Latencies.summarise(micros));
    }

    private static Double max(Double a, double b) {
        return a == null ? b : Math.max(a, b);
    }

    static double seconds(long nanos) {
        return nanos / 1e9;
    }

    // ---- the verdicts

    /** Requests that failed from the fault to the end (during the fault and while restoring). */
    int failedAfterFault() {
        return during.failed() + restore.failed();
    }

    /**
     * The last attempt at the failed host any working view saw between the fault and the restore;
     * 0 when views worked and saw none; null when no view could look.
     */
    Double lastAttempt() {
        Double last = null;
        for (Attempts a : attempts) {
            if (a.unavailable() != null) continue;
            last = max(last, a.last() == null ? 0 : a.last());
        }
        return last;
    }

    boolean failedMet() {
        return failedAfterFault() == 0;
    }

    boolean attemptsMet() {
        Double a = lastAttempt();
        return a != null && a <= TARGET_ATTEMPTS_SECONDS;
    }

    boolean replacementsMet() {
        return replacementsHealthy != null && replacementsHealthy <= TARGET_REPLACEMENTS_SECONDS;
    }

    /** No more running containers than replicas at the end. */
    boolean noDuplicates() {
        return containersAfter.values().stream().mapToInt(Integer::intValue).sum() <= replicas;
    }
}
