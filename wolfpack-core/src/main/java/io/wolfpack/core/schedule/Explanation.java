package io.wolfpack.core.schedule;

import io.wolfpack.core.spec.ByteSize;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the vetoes of one call into the sentence the CLI shows: "0/5 nodes fit: 3 insufficient
 * memory (need 512Mi, most free 256Mi), 2 constraint zone != b". Reasons are grouped and counted,
 * most common first, with the numbers that tell the operator what would make them fit.
 */
final class Explanation {
    private Explanation() {
    }

    private static final class Group {
        final Veto first;
        int count;
        long mostFree = Long.MIN_VALUE;

        Group(Veto first) {
            this.first = first;
        }
    }

    static String of(int nodes, int fitting, Veto[] vetoes) {
        if (nodes == 0) return "0/0 nodes fit: the cluster has no nodes";
        Map<String, Group> groups = new LinkedHashMap<>();
        for (Veto v : vetoes) {
            if (v == null) continue;
            Group g = groups.computeIfAbsent(v.reason(), r -> new Group(v));
            g.count++;
            g.mostFree = Math.max(g.mostFree, v.free());
        }
        List<Group> ordered = new ArrayList<>(groups.values());
        ordered.sort(Comparator.comparingInt((Group g) -> -g.count).thenComparing(g -> g.first.reason()));
        StringBuilder text = new StringBuilder().append(fitting).append('/').append(nodes).append(" nodes fit");
        String separator = ": ";
        for (Group g : ordered) {
            text.append(separator).append(g.count).append(' ').append(g.first.reason()).append(numbers(g));
            separator = ", ";
        }
        return text.toString();
    }

    private static String numbers(Group g) {
        Veto v = g.first;
        long free = Math.max(0, g.mostFree); // overcommitted nodes show as 0 free, not negative
        return switch (v.kind()) {
            case MEMORY -> " (need " + new ByteSize(v.need()).human() + ", most free " + new ByteSize(free).human() + ")";
            case CPU -> " (need " + cores(v.need()) + " cpu, most free " + cores(free) + " cpu)";
            case HOST_PORTS -> v.need() == 1 ? "" : " (need " + v.need() + ", most free " + free + ")";
            case NODE_STATE, CONSTRAINT -> "";
        };
    }

    /** 250 milli-cpu as "0.25", 2000 as "2". */
    private static String cores(long milli) {
        return BigDecimal.valueOf(milli, 3).stripTrailingZeros().toPlainString();
    }
}
