package io.wolfpack.router.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * How busy the whole machine is, from the first line of /proc/stat. The benchmark samples it for a
 * second before each run, while everything it started is idle, and subtracts what its own processes
 * used: the rest is someone else's load (a build, another test), which would skew the comparison.
 */
final class MachineCpu {
    private static final Path PROC_STAT = Path.of("/proc/stat");

    /** Cumulative ticks: busy (all but idle and iowait) and total. */
    record Ticks(long busy, long total) {
        /** Parses "cpu  user nice system idle iowait irq softirq steal ..." (the aggregate line). */
        static Ticks parse(String procStat) {
            String line = procStat.lines().findFirst().orElse("");
            String[] f = line.trim().split("\\s+");
            if (f.length < 5 || !f[0].equals("cpu")) {
                throw new IllegalArgumentException("/proc/stat does not start with the aggregate 'cpu' line: '" + line + "'");
            }
            long total = 0;
            // guest and guest_nice (fields 9 and 10) are already counted in user and nice
            for (int i = 1; i < Math.min(f.length, 9); i++) total += Long.parseLong(f[i]);
            long idle = Long.parseLong(f[4]) + (f.length > 5 ? Long.parseLong(f[5]) : 0);
            return new Ticks(total - idle, total);
        }

        /** Average busy cores between {@code earlier} and this, on a machine of {@code cores}. */
        double busyCoresSince(Ticks earlier, int cores) {
            long dt = total - earlier.total;
            return dt <= 0 ? 0 : (double) (busy - earlier.busy) / dt * cores;
        }
    }

    private MachineCpu() {
    }

    /**
     * Cores kept busy over {@code window} by processes other than ours ({@code ownCpu} tells how much
     * CPU time ours have used so far); 0 where /proc/stat cannot be read (not Linux).
     */
    static double otherCoresOver(Duration window, Supplier<Duration> ownCpu) throws InterruptedException {
        Ticks before = read();
        Duration ownBefore = ownCpu.get();
        long t0 = System.nanoTime();
        Thread.sleep(window.toMillis());
        Ticks after = read();
        double ownCores = (double) ownCpu.get().minus(ownBefore).toNanos() / (System.nanoTime() - t0);
        if (before == null || after == null) return 0;
        return Math.max(0, after.busyCoresSince(before, Runtime.getRuntime().availableProcessors()) - ownCores);
    }

    private static Ticks read() {
        try {
            return Ticks.parse(Files.readString(PROC_STAT));
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }
}
