package io.wolfpack.core.reconcile;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Which hosts to quarantine (cordon and drain) because instances keep failing there. The evidence
 * is instance failures in the last {@link #WINDOW} (exits, failed starts and pulls, restarts for
 * failing health checks), by host and service.
 *
 * <p>A service <em>implicates</em> a host when it failed there at least {@link #MIN_FAILURES}
 * times and at least {@link #FACTOR} times as often as its average on the other hosts. A host
 * is quarantined when at least {@link #MIN_SERVICES} different services implicate it: one bad
 * service (a broken image fails everywhere; a service that is bad on one host is the service's
 * problem) never quarantines a host on its own. Comparing each service with itself elsewhere is
 * what "well above the cluster's rate" means here: a bad release raises a service's rate on every
 * host alike and implicates none of them.
 *
 * <p>Guards: a cluster needs at least {@link #MIN_NODES} hosts for a comparison to mean
 * anything, and at most a third of the hosts are ever quarantined (or otherwise cordoned) at once,
 * so that a fault in the cluster itself cannot drain it empty. One host at a time, worst first.
 */
public final class QuarantinePolicy {
    public static final Duration WINDOW = Duration.ofMinutes(5);
    public static final int MIN_FAILURES = 3;
    public static final double FACTOR = 3.0;
    public static final int MIN_SERVICES = 2;
    public static final int MIN_NODES = 3;

    private QuarantinePolicy() {
    }

    /** A host to quarantine and the failures that convicted it, by service. */
    public record Verdict(String node, Map<String, Integer> failuresByService, Map<String, Double> averageElsewhere) {
        public int total() {
            return failuresByService.values().stream().mapToInt(Integer::intValue).sum();
        }

        /** The evidence in a person's words, for the event. */
        public String evidence() {
            String services = failuresByService.entrySet().stream()
                    .map(e -> e.getKey() + " " + e.getValue() + "× (elsewhere " + String.format(java.util.Locale.ROOT, "%.1f",
                            averageElsewhere.getOrDefault(e.getKey(), 0.0)) + " per host)")
                    .collect(Collectors.joining(", "));
            return total() + " instance failures in the last " + WINDOW.toMinutes() + "m across " + failuresByService.size()
                    + " services: " + services;
        }
    }

    /**
     * @param failures     failures in the window by host, then by service, counted only since the
     *                     host was last admitted (an uncordon starts its record afresh)
     * @param candidates   hosts that may be quarantined now: ready and not cordoned
     * @param nodes        every known host
     * @param outOfService hosts already cordoned, draining or quarantined
     */
    public static List<Verdict> decide(Map<String, Map<String, Integer>> failures, Set<String> candidates,
                                       Set<String> nodes, int outOfService) {
        if (nodes.size() < MIN_NODES) return List.of();
        int room = nodes.size() / 3 - outOfService;
        if (room <= 0) return List.of();
        List<Verdict> verdicts = new ArrayList<>();
        for (String node : candidates) {
            Map<String, Integer> here = failures.getOrDefault(node, Map.of());
            Map<String, Integer> implicating = new TreeMap<>();
            Map<String, Double> elsewhere = new TreeMap<>();
            for (Map.Entry<String, Integer> e : here.entrySet()) {
                double avg = averageElsewhere(failures, e.getKey(), node, nodes.size());
                if (e.getValue() >= MIN_FAILURES && e.getValue() >= FACTOR * avg) {
                    implicating.put(e.getKey(), e.getValue());
                    elsewhere.put(e.getKey(), avg);
                }
            }
            if (implicating.size() >= MIN_SERVICES) verdicts.add(new Verdict(node, implicating, elsewhere));
        }
        verdicts.sort((a, b) -> a.total() != b.total() ? Integer.compare(b.total(), a.total()) : a.node().compareTo(b.node()));
        return verdicts.isEmpty() ? List.of() : List.of(verdicts.get(0));
    }

    private static double averageElsewhere(Map<String, Map<String, Integer>> failures, String service, String node, int nodes) {
        long sum = 0;
        for (Map.Entry<String, Map<String, Integer>> e : failures.entrySet()) {
            if (!e.getKey().equals(node)) sum += e.getValue().getOrDefault(service, 0);
        }
        return sum / (double) (nodes - 1);
    }
}
