package io.wolfpack.cli.bench;

import java.io.PrintStream;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A poor man's wall-clock profiler of the server inside this JVM (what repeated jstack would
 * show): every 20 ms it takes every thread's stack and counts, per thread group, where the thread
 * is. A sample counts when the thread runs, or waits inside Wolfpack code (a controller awaiting
 * its mirror, a handler awaiting ZooKeeper): both are where the time goes. Idle pool threads and
 * selectors are left out. The place is the two innermost Wolfpack frames plus the innermost frame
 * of all, e.g. {@code ClusterMirror.await:160 < ServiceController.awaitMirror:139 [Object.wait]}.
 */
final class StackSampler implements AutoCloseable {
    private static final int TOP_PER_GROUP = 4;
    private static final int GROUPS_SHOWN = 8;
    private static final java.util.Set<String> IDLE_WAITS = java.util.Set.of("WorkQueue.take");

    private final Map<String, Map<String, Integer>> counts = new HashMap<>();
    private final Map<String, Integer> totals = new HashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "bench-stack-sampler");
        t.setDaemon(true);
        return t;
    });
    private int rounds;

    StackSampler() {
        timer.scheduleAtFixedRate(this::sample, 0, 20, TimeUnit.MILLISECONDS);
    }

    private synchronized void sample() {
        rounds++;
        for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
            Thread t = e.getKey();
            StackTraceElement[] stack = e.getValue();
            if (stack.length == 0 || t.getName().startsWith("bench-")) continue;
            String group = t.getName().replaceAll("[-:#]?\\d+$", "").replaceAll("-\\d+-", "-N-");
            String place = place(t.getState(), stack);
            if (place == null) continue;
            counts.computeIfAbsent(group, g -> new HashMap<>()).merge(place, 1, Integer::sum);
            totals.merge(group, 1, Integer::sum);
        }
    }

    /** Where the thread is, or null when it is idle. */
    static String place(Thread.State state, StackTraceElement[] stack) {
        StringBuilder wolfpack = new StringBuilder();
        int found = 0;
        for (StackTraceElement f : stack) {
            String c = f.getClassName();
            if (!c.startsWith("io.wolfpack.") || c.startsWith("io.wolfpack.cli.bench") || c.contains("$$Lambda")) continue;
            // A worker waiting for work is idle, not slow.
            if (found == 0 && IDLE_WAITS.contains(simple(c) + "." + f.getMethodName())) return null;
            if (found++ > 0) wolfpack.append(" < ");
            wolfpack.append(simple(f.getClassName())).append('.').append(f.getMethodName()).append(':').append(f.getLineNumber());
            if (found == 2) break;
        }
        StackTraceElement top = stack[0];
        String topName = simple(top.getClassName()) + "." + top.getMethodName();
        if (found == 0) {
            if (state != Thread.State.RUNNABLE || idle(topName)) return null;
            return "[" + topName + "]";
        }
        boolean topIsOurs = top.getClassName().startsWith("io.wolfpack.");
        return wolfpack + (topIsOurs ? "" : " [" + topName + (state == Thread.State.RUNNABLE ? "" : ", " + state) + "]");
    }

    private static boolean idle(String topName) {
        String top = topName.toLowerCase(java.util.Locale.ROOT);
        return top.contains("epoll") || top.contains("accept") || top.contains("poll0") || top.contains("select")
                || top.contains("net.poll") || top.contains("socketread") || top.contains("read0") || top.contains("readbytes")
                || top.contains("waitforreferencependinglist") || top.contains("getthreadinfo")
                || top.contains("dumpthreads") || top.contains("getstacktrace") || top.contains("park");
    }

    private static String simple(String className) {
        String s = className.substring(className.lastIndexOf('.') + 1);
        int inner = s.indexOf('$');
        return inner > 0 && inner + 1 < s.length() && Character.isDigit(s.charAt(inner + 1)) ? s.substring(0, inner) : s;
    }

    /** Prints the busiest thread groups and, in each, where the time went. */
    synchronized void print(PrintStream out, String title) {
        out.printf("  %s: %,d samples every 20 ms; per thread group, share of its samples (a group of n threads has n per round)%n",
                title, rounds);
        List<Map.Entry<String, Integer>> groups = totals.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(GROUPS_SHOWN).toList();
        for (Map.Entry<String, Integer> g : groups) {
            out.printf("    %-32s %,6d samples (%.0f%% of rounds)%n", g.getKey(), g.getValue(), 100.0 * g.getValue() / Math.max(1, rounds));
            counts.get(g.getKey()).entrySet().stream()
                    .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey(Comparator.naturalOrder())))
                    .limit(TOP_PER_GROUP)
                    .forEach(p -> out.printf("      %3.0f%%  %s%n", 100.0 * p.getValue() / g.getValue(), p.getKey()));
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
