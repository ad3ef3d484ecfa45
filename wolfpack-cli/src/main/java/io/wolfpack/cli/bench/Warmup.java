package io.wolfpack.cli.bench;

import io.wolfpack.client.ApiClient;
import io.wolfpack.store.ClusterMirror;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Before phase A is measured, the same work unmeasured (by default at the same scale): deploy,
 * wait until placed and reported running, remove, wait until gone. A control plane in production has been running
 * for days; a fresh JVM spends its first seconds compiling (several CPU seconds of JIT on this
 * path), which is not what the benchmark is about. Its own times are printed, so the cold
 * numbers are not hidden; {@code --warmup 0} measures a cold server.
 */
final class Warmup {
    private static final String PREFIX = "warmup";
    private Warmup() {
    }

    static void run(int services, BenchOptions o, ApiClient api, ClusterMirror mirror, PrintStream out) throws Exception {
        if (services == 0) return;
        long t0 = System.nanoTime();
        int expected = services * o.replicas();
        ExecutorService clients = Executors.newFixedThreadPool(o.deployThreads());
        try {
            for (int i = 1; i <= services; i++) {
                String spec = DeployPhase.spec(PREFIX, i, o.replicas());
                clients.execute(() -> api.deploy(spec, false));
            }
            await(() -> DeployPhase.countRunning(mirror) >= expected, "warm-up instances reported running", mirror);
            double placed = seconds(t0);
            removeAll(PREFIX, services, clients, api, mirror);
            out.printf("  warm-up: %,d services × %,d replicas placed and running after %.1fs, all removed after %.1fs%n",
                    services, o.replicas(), placed, seconds(t0));
        } finally {
            clients.shutdownNow();
        }
    }

    /** Removes services {@code prefix-0001}… and waits until they are gone, folders and all. */
    static void removeAll(String prefix, int services, int threads, ApiClient api, ClusterMirror mirror) throws InterruptedException {
        ExecutorService clients = Executors.newFixedThreadPool(threads);
        try {
            removeAll(prefix, services, clients, api, mirror);
        } finally {
            clients.shutdownNow();
        }
    }

    private static void removeAll(String prefix, int services, ExecutorService clients, ApiClient api, ClusterMirror mirror)
            throws InterruptedException {
        for (int i = 1; i <= services; i++) {
            String name = DeployPhase.name(prefix, i);
            clients.execute(() -> api.remove(name));
        }
        // Their folders too: removing them is the controller's last step, not to be measured in the next round.
        await(() -> mirror.instanceCount() == 0 && mirror.allStatuses().isEmpty() && noFolders(prefix, services, mirror),
                prefix + " services removed", mirror);
    }

    private static boolean noFolders(String prefix, int services, ClusterMirror mirror) {
        for (int i = 1; i <= services; i++) {
            if (mirror.hasServiceFolders(DeployPhase.name(prefix, i))) return false;
        }
        return true;
    }

    private static void await(BooleanSupplier done, String what, ClusterMirror mirror) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out waiting for " + what + " (" + mirror.instanceCount()
                        + " instances placed); the server fell behind: see the [fleet] lines above");
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
