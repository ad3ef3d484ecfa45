package io.wolfpack.cli.output;

import io.wolfpack.core.api.InstanceView;
import io.wolfpack.core.api.RevisionView;
import io.wolfpack.core.api.ServiceView;
import io.wolfpack.core.spec.SpecWriter;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Text for {@code wolfpack rollout}: status, history, and a line diff of two revisions' specs. */
public final class RolloutOutput {
    private RolloutOutput() {
    }

    public static String status(ServiceView v, Instant now) {
        Map<Long, int[]> byRevision = new TreeMap<>();
        for (InstanceView i : v.instances()) {
            int[] c = byRevision.computeIfAbsent(i.revision(), r -> new int[2]);
            c[0]++;
            if (i.state() != null && i.state().wire().equals("running")
                    && (i.health() == null || i.health().wire().equals("passing") || i.health().wire().equals("none"))) c[1]++;
        }
        StringBuilder out = new StringBuilder();
        boolean open = byRevision.keySet().stream().anyMatch(r -> r != v.revision());
        out.append(v.name()).append(": revision ").append(v.revision()).append(" (").append(v.spec().image()).append("), ")
                .append(open ? "rolling out" : "rolled out").append("; ").append(v.healthy()).append('/').append(v.desired())
                .append(" serving\n");
        Table t = Table.of("REVISION", "INSTANCES", "SERVING");
        byRevision.forEach((rev, c) -> t.row(rev + (rev == v.revision() ? " (current)" : ""), c[0], c[1]));
        if (t.size() > 0) out.append(t.render());
        if (open) {
            Instant deadline = v.updatedAt() == null ? null : v.updatedAt().plus(v.spec().update().progressDeadline().toDuration());
            if (deadline != null) {
                out.append("progress deadline: ").append(deadline.isAfter(now) ? "in " + Format.age(now, deadline)
                        : "passed " + Format.age(deadline, now) + " ago").append(" (then it goes back by itself)\n");
            }
        }
        if (v.canary() != null && v.canary().splitting() && v.spec().update().canary() != null) {
            var split = v.spec().update().canary();
            out.append("canary: revision ").append(v.canary().revision()).append(" gets ").append(split.weight())
                    .append("% of the traffic, revision ").append(v.canary().stable()).append(" the rest; ")
                    .append(v.canary().phase().wire());
            Instant ends = v.canary().startedAt().plus(split.hold().toDuration());
            if (v.canary().phase() == io.wolfpack.core.model.CanaryState.Phase.HOLDING) {
                out.append(ends.isAfter(now) ? ", hold ends in " + Format.age(now, ends) : ", hold over: judging");
            }
            out.append('\n');
        } else if (v.canary() != null) {
            out.append("canary: revision ").append(v.canary().revision()).append(" passed; rolling on\n");
        }
        if (v.failed() != null) {
            out.append("last failed rollout: revision ").append(v.failed().revision()).append(", ")
                    .append(Format.age(v.failed().at(), now)).append(" ago: ").append(v.failed().reason()).append('\n');
        }
        return out.toString();
    }

    public static String history(List<RevisionView> revisions) {
        if (revisions.isEmpty()) return "no revisions kept\n";
        Table t = Table.of("REVISION", "IMAGE", "INSTANCES", "NOTE");
        for (RevisionView r : revisions) {
            String note = r.current() ? "current" : r.failure() != null ? "failed: " + r.failure() : "";
            t.row(r.revision(), r.image(), r.instances(), note);
        }
        return t.render();
    }

    /** The specs as YAML, lines only in A prefixed "-", only in B "+", common lines "  ". */
    public static String diff(RevisionView a, RevisionView b) {
        List<String> x = SpecWriter.yaml(a.spec()).lines().toList();
        List<String> y = SpecWriter.yaml(b.spec()).lines().toList();
        StringBuilder out = new StringBuilder("--- revision " + a.revision() + "\n+++ revision " + b.revision() + "\n");
        for (String line : lineDiff(x, y)) out.append(line).append('\n');
        return out.toString();
    }

    /** A longest-common-subsequence line diff; specs are short, so the quadratic table is fine. */
    static List<String> lineDiff(List<String> x, List<String> y) {
        int[][] lcs = new int[x.size() + 1][y.size() + 1];
        for (int i = x.size() - 1; i >= 0; i--) {
            for (int j = y.size() - 1; j >= 0; j--) {
                lcs[i][j] = x.get(i).equals(y.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<String> out = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < x.size() && j < y.size()) {
            if (x.get(i).equals(y.get(j))) {
                out.add("  " + x.get(i++));
                j++;
            } else if (lcs[i + 1][j] >= lcs[i][j + 1]) {
                out.add("- " + x.get(i++));
            } else {
                out.add("+ " + y.get(j++));
            }
        }
        while (i < x.size()) out.add("- " + x.get(i++));
        while (j < y.size()) out.add("+ " + y.get(j++));
        return out;
    }
}
