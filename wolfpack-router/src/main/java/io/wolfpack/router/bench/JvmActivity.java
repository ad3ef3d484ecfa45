package io.wolfpack.router.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * What this JVM (the router's) spent on the JIT compiler and on garbage collection so far. Taken
 * around a measured run it says whether the round measured a warm router: C2 compiling on one of
 * the two cores, or a long young pause, shows in that round's throughput and p99.
 *
 * @param jitMillis time the JIT compilers spent compiling (-1 when the JVM does not say)
 * @param gcCount   collections, all collectors
 * @param gcMillis  their accumulated time (for G1's young collections, mostly the pauses)
 */
record JvmActivity(long jitMillis, long gcCount, long gcMillis) {
    static JvmActivity now() {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        long jitMillis = jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : -1;
        long count = 0;
        long millis = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, gc.getCollectionCount());
            millis += Math.max(0, gc.getCollectionTime());
        }
        return new JvmActivity(jitMillis, count, millis);
    }

    JvmActivity since(JvmActivity before) {
        long jit = jitMillis < 0 || before.jitMillis < 0 ? -1 : jitMillis - before.jitMillis;
        return new JvmActivity(jit, gcCount - before.gcCount, gcMillis - before.gcMillis);
    }

    /** e.g. "JIT 40 ms, 2 GCs 31 ms" */
    String describe() {
        return String.format(Locale.ROOT, "JIT %s, %d GC%s %d ms", jitMillis < 0 ? "n/a" : jitMillis + " ms",
                gcCount, gcCount == 1 ? "" : "s", gcMillis);
    }
}
