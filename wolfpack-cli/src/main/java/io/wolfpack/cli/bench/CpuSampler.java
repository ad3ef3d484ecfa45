package io.wolfpack.cli.bench;

import com.sun.management.OperatingSystemMXBean;

import java.lang.management.ManagementFactory;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * CPU of this JVM (the server and its embedded ZooKeeper) while a phase runs: the JVM's CPU time
 * over wall time, in cores, and {@code getProcessCpuLoad()} sampled every second for its peak.
 * The machine's total load is sampled too: the simulator runs on the same host.
 */
final class CpuSampler implements AutoCloseable {
    /** Average and peak cores used by this process, and the machine's average load (0..1). */
    record Usage(double avgCores, double peakCores, double machineLoad, int cores) {
        String describe() {
            return String.format("%.2f cores on average (%.0f%% of %d), peak %.2f; whole machine %.0f%% busy",
                    avgCores, 100 * avgCores / cores, cores, peakCores, 100 * machineLoad);
        }
    }

    private final OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "bench-cpu-sampler");
        t.setDaemon(true);
        return t;
    });
    private final int cores = Runtime.getRuntime().availableProcessors();
    private final long cpu0 = os.getProcessCpuTime();
    private final long wall0 = System.nanoTime();
    private double peak;
    private double machineSum;
    private int machineSamples;

    CpuSampler() {
        os.getProcessCpuLoad();
        os.getCpuLoad();
        timer.scheduleAtFixedRate(this::sample, 1, 1, TimeUnit.SECONDS);
    }

    private synchronized void sample() {
        double p = os.getProcessCpuLoad();
        double m = os.getCpuLoad();
        if (p >= 0) peak = Math.max(peak, p * cores);
        if (m >= 0) {
            machineSum += m;
            machineSamples++;
        }
    }

    synchronized Usage usage() {
        double avg = (os.getProcessCpuTime() - cpu0) / (double) (System.nanoTime() - wall0);
        return new Usage(avg, Math.max(peak, avg), machineSamples == 0 ? 0 : machineSum / machineSamples, cores);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
