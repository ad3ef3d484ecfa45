package io.wolfpack.cli.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU time of this JVM's threads by group, from Linux's {@code /proc/self/task}: unlike the JVM's
 * thread bean it also counts the JIT compilers and the garbage collector, which on a fresh JVM are
 * a large share of the work. Two reads of a few hundred small files, so it costs the measured
 * server nothing while a phase runs. Elsewhere than Linux it reads nothing and prints nothing.
 */
final class ThreadCpu {
    private static final Path TASKS = Path.of("/proc/self/task");
    /** Clock ticks per second of /proc's utime and stime (USER_HZ, 100 on every Linux we run on). */
    private static final double TICKS_PER_SECOND = 100;

    private final Map<String, Long> ticksAtStart;

    private ThreadCpu(Map<String, Long> ticksAtStart) {
        this.ticksAtStart = ticksAtStart;
    }

    static ThreadCpu start() {
        return new ThreadCpu(readTicksByTask());
    }

    /** CPU seconds per thread group since {@link #start}, e.g. {@code JettyServerThre → 12.3}. */
    Map<String, Double> secondsByGroup() {
        Map<String, Double> out = new HashMap<>();
        readTicksByTask().forEach((task, ticks) -> {
            long before = ticksAtStart.getOrDefault(task, 0L);
            String group = group(task);
            out.merge(group, (ticks - before) / TICKS_PER_SECOND, Double::sum);
        });
        out.values().removeIf(s -> s < 0.05);
        return out;
    }

    void print(PrintStream out, String title) {
        Map<String, Double> byGroup = secondsByGroup();
        if (byGroup.isEmpty()) return;
        double total = byGroup.values().stream().mapToDouble(Double::doubleValue).sum();
        out.printf("  %s: %.1f s in all;", title, total);
        byGroup.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(14)
                .forEach(e -> out.printf(" %s %.1f;", e.getKey(), e.getValue()));
        out.println();
    }

    /** "1234 JettyServerThre" (task id, then the name Linux keeps, 15 characters) → "JettyServerThre". */
    private static String group(String task) {
        String name = task.substring(task.indexOf(' ') + 1);
        return name.replaceAll("\\d+", "N").replace(' ', '_');
    }

    /** Per task, keyed "TID NAME" so that a reused task id with another name counts from zero. */
    private static Map<String, Long> readTicksByTask() {
        Map<String, Long> out = new HashMap<>();
        if (!Files.isDirectory(TASKS)) return out;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
            for (Path t : tasks) {
                try {
                    String stat = Files.readString(t.resolve("stat"));
                    // "tid (name) state ppid ...": the name may hold spaces and parentheses, so cut at the last ')'.
                    int open = stat.indexOf('(');
                    int close = stat.lastIndexOf(')');
                    String[] f = stat.substring(close + 2).split(" ");
                    long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime
                    out.put(t.getFileName() + " " + stat.substring(open + 1, close), ticks);
                } catch (IOException | RuntimeException e) {
                    // The thread ended while we read it.
                }
            }
        } catch (IOException e) {
            return out;
        }
        return out;
    }
}
