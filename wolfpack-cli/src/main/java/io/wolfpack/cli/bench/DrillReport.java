package io.wolfpack.cli.bench;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Prints one fault drill's numbers, and the verdicts of all of them against the targets. */
final class DrillReport {
    private DrillReport() {
    }

    static void print(DrillResult r, String faultCommand, String restoreCommand, PrintStream out) {
        out.println();
        out.printf("==================== failover drill: %s %s ====================%n", r.fault(), r.deadNode());
        out.printf("fault                 %s took %.2f s; every time below counts from its start%n", faultCommand, r.faultCommandSeconds());
        out.printf("requests              warm-up %s | fault %s | restore %s%n", window(r.warmup()), window(r.during()), window(r.restore()));
        out.printf("latency               warm-up %s%n", r.warmup().latency().describe());
        out.printf("                      fault   %s%n", r.during().latency().describe());
        out.printf("                      restore %s%n", r.restore().latency().describe());
        if (!r.failureReasons().isEmpty()) {
            out.printf("failures after fault  %s%n", r.failureReasons().entrySet().stream()
                    .map(e -> e.getValue() + "× " + e.getKey()).collect(Collectors.joining(", ")));
        }
        if (!r.firstFailures().isEmpty()) {
            out.printf("first failures        (start relative to the fault, error, time taken)%n");
            for (String f : r.firstFailures()) out.printf("                      %s%n", f);
        }
        out.printf("attempts at %s, from the fault until the restore (each time is when a sample was taken: conntrack every 100 ms, "
                + "the others every 50 ms):%n", r.deadNode());
        out.printf("  %-58s %s (%d responses after the fault)%n", "last response served by " + r.deadNode(),
                at(r.lastServedByDead(), "none after the fault"), r.servedByDeadAfterFault());
        for (DrillResult.Attempts a : r.attempts()) {
            if (a.unavailable() != null) {
                out.printf("  %-58s not seen: %s%n", a.source(), a.unavailable());
                continue;
            }
            out.printf("  %-58s %s%s%n", a.source(), at(a.last(), "none"), a.note().isEmpty() ? "" : " (" + a.note() + ")");
            if (!a.seenAt().isEmpty()) out.printf("  %-58s %s%n", "", "seen at " + times(a.seenAt()));
        }
        out.printf("  %-58s %s%s%n", "route table without " + r.deadNode() + "'s endpoints (GET /v1/routes)", at(r.routeDropped(), "never (within the drill)"),
                r.routeRelisted() == null ? "" : "; listed them AGAIN until " + at(r.routeRelisted(), ""));
        out.printf("node events           %s%n", r.nodeEvents().isEmpty() ? "none" : String.join(", ", r.nodeEvents()));
        for (String t : r.troubles()) out.printf("service trouble       %s%n", t);
        out.printf("replacements          %d routable on other hosts %s%n", r.replicas(), at(r.replacementsHealthy(), "never (within --recover-timeout)"));
        out.printf("restore               %s: %s; running containers %s%n", restoreCommand,
                r.converged() == null ? "did NOT converge within --recover-timeout"
                        : String.format("converged to exactly %d after %.1f s", r.replicas(), r.converged()),
                perHost(r.containersAfter()));
        out.println("--- targets");
        out.printf("requests failed after the fault   %-8s target 0       met: %s%n", r.failedAfterFault(), yes(r.failedMet()));
        Double a = r.lastAttempt();
        out.printf("last attempt at the dead host     %-8s target ≤ 1 s   met: %s%n",
                a == null ? "unknown" : String.format("%.2f s", a), a == null ? "unknown (no view of the router's attempts)" : yes(r.attemptsMet()));
        out.printf("replacements healthy elsewhere    %-8s target ≤ 5 s   met: %s (image cached on every host)%n",
                r.replacementsHealthy() == null ? "never" : String.format("%.2f s", r.replacementsHealthy()), yes(r.replacementsMet()));
        out.printf("exactly %d, no duplicate, after restore: %s%n", r.replicas(), yes(r.converged() != null && r.noDuplicates()));
    }

    /** One line per fault with every verdict, for the end of a run with several faults. */
    static void printTable(List<DrillResult> results, PrintStream out) {
        out.println();
        out.println("==================== failover drill summary ====================");
        out.printf("%-10s %-16s %-22s %-22s %-12s%n", "fault", "failed (≤ 0)", "last attempt (≤ 1 s)", "replacements (≤ 5 s)", "restore");
        for (DrillResult r : results) {
            Double a = r.lastAttempt();
            out.printf("%-10s %-16s %-22s %-22s %-12s%n", r.fault() + " " + r.deadNode(),
                    r.failedAfterFault() + " of " + (r.during().sent() + r.restore().sent()) + " " + mark(r.failedMet()),
                    (a == null ? "unknown" : String.format("%.2f s", a)) + " " + mark(r.attemptsMet()),
                    (r.replacementsHealthy() == null ? "never" : String.format("%.2f s", r.replacementsHealthy())) + " " + mark(r.replacementsMet()),
                    r.converged() == null ? "no" : String.format("%.1f s%s", r.converged(), r.noDuplicates() ? "" : " DUPLICATES"));
        }
    }

    private static String window(DrillResult.Window w) {
        return String.format("%,d sent, %d failed", w.sent(), w.failed());
    }

    /** "+0.40 +1.35 +1.58", at most 15 of them. */
    static String times(List<Double> seconds) {
        String shown = seconds.stream().limit(15).map(t -> String.format("%+.2f", t)).collect(Collectors.joining(" "));
        return seconds.size() > 15 ? shown + " ... (" + seconds.size() + " in all)" : shown;
    }

    static String at(Double seconds, String otherwise) {
        return seconds == null ? otherwise : String.format("%+.2f s", seconds);
    }

    private static String perHost(Map<String, Integer> perHost) {
        return perHost.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
    }

    private static String yes(boolean b) {
        return b ? "yes" : "no";
    }

    private static String mark(boolean met) {
        return met ? "met" : "NOT met";
    }
}
