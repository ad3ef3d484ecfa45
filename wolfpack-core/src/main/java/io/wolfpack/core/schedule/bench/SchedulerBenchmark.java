package io.wolfpack.core.schedule.bench;

import io.wolfpack.core.model.NodeState;
import io.wolfpack.core.schedule.ClusterSnapshot;
import io.wolfpack.core.spec.PlacementConstraint;
import io.wolfpack.core.schedule.NodeSnapshot;
import io.wolfpack.core.schedule.Placement;
import io.wolfpack.core.schedule.PlacementRequest;
import io.wolfpack.core.schedule.Plan;
import io.wolfpack.core.schedule.PortRange;
import io.wolfpack.core.schedule.Scheduler;
import io.wolfpack.core.spec.ByteSize;
import io.wolfpack.core.spec.PlacementSpec;
import io.wolfpack.core.spec.PortSpec;
import io.wolfpack.core.spec.Resources;
import io.wolfpack.core.spec.ServiceSpec;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Places {@code services × replicas} instances, one schedule call per service, onto simulated nodes
 * of mixed sizes in three zones, folding each plan into the snapshot before the next call.
 * <pre>mvn -q -o -pl wolfpack-core -am compile
 * java -cp wolfpack-core/target/classes io.wolfpack.core.schedule.bench.SchedulerBenchmark [nodes services replicas]</pre>
 * (or the same class from the wolfpack jar).
 * Defaults 10000 10000 100: a million placements. Throughput counts the time spent inside
 * {@code schedule}; the time spent folding plans into snapshots (the caller's job) is shown apart.
 */
public final class SchedulerBenchmark {
    static final double TARGET_PER_SECOND = 50_000;
    private static final String[] ZONES = {"a", "b", "c"};

    /** What one run measured. Spread is max - min new instances per eligible node, per service. */
    public record Result(int nodes, int services, int replicas, long placements, long unplaced,
                         double scheduleSeconds, double upkeepSeconds, double p50Millis, double p99Millis,
                         long peakHeapBytes, int worstSpread, double fractionSpreadAtMostOne) {
        public double placementsPerSecond() {
            return placements / scheduleSeconds;
        }

        public double endToEndPerSecond() {
            return placements / (scheduleSeconds + upkeepSeconds);
        }

        public boolean targetMet() {
            return placementsPerSecond() >= TARGET_PER_SECOND;
        }
    }

    public static void main(String[] args) {
        int nodes = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int services = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int replicas = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        Result r = run(nodes, services, replicas);
        System.out.printf(Locale.ROOT, "nodes=%d services=%d replicas=%d cpus=%d%n", r.nodes(), r.services(), r.replicas(),
                Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "placements=%d unplaced=%d in %.2fs scheduling + %.2fs snapshot upkeep%n",
                r.placements(), r.unplaced(), r.scheduleSeconds(), r.upkeepSeconds());
        System.out.printf(Locale.ROOT, "throughput: %.0f placements/s (schedule only), %.0f placements/s end to end%n",
                r.placementsPerSecond(), r.endToEndPerSecond());
        System.out.printf(Locale.ROOT, "per service: p50 %.3f ms, p99 %.3f ms%n", r.p50Millis(), r.p99Millis());
        System.out.printf(Locale.ROOT, "peak heap: %s%n", new ByteSize(r.peakHeapBytes()).human());
        System.out.printf(Locale.ROOT, "spread: worst max-min per eligible node %d, services with max-min <= 1: %.2f%%%n",
                r.worstSpread(), 100 * r.fractionSpreadAtMostOne());
        System.out.printf(Locale.ROOT, "target >= %.0f placements/s: %s%n", TARGET_PER_SECOND, r.targetMet() ? "MET" : "NOT MET");
    }

    public static Result run(int nodeCount, int serviceCount, int replicas) {
        Random random = new Random(42);
        ClusterSnapshot snapshot = new ClusterSnapshot(nodes(nodeCount, random), PortRange.DEFAULT);
        Scheduler scheduler = new Scheduler();
        long[] times = new long[serviceCount];
        long upkeep = 0;
        long placed = 0;
        long unplaced = 0;
        int worstSpread = 0;
        int spreadOk = 0;
        Map<String, Integer> positions = new HashMap<>();
        for (int i = 0; i < nodeCount; i++) positions.put(snapshot.nodes().get(i).name(), i);
        int[] perNode = new int[nodeCount];
        resetPeakHeap();
        for (int s = 0; s < serviceCount; s++) {
            ServiceSpec spec = service(s, random);
            int[] eligible = eligible(snapshot, spec);
            long start = System.nanoTime();
            Plan plan = scheduler.schedule(snapshot, new PlacementRequest(spec, replicas));
            long scheduled = System.nanoTime();
            snapshot = snapshot.withPlan(spec, plan);
            upkeep += System.nanoTime() - scheduled;
            times[s] = scheduled - start;
            placed += plan.placements().size();
            unplaced += plan.unplaced();
            int spread = spread(positions, perNode, eligible, plan);
            worstSpread = Math.max(worstSpread, spread);
            if (spread <= 1) spreadOk++;
        }
        long total = Arrays.stream(times).sum();
        Arrays.sort(times);
        return new Result(nodeCount, serviceCount, replicas, placed, unplaced, total / 1e9, upkeep / 1e9,
                percentile(times, 0.50) / 1e6, percentile(times, 0.99) / 1e6, peakHeap(), worstSpread,
                serviceCount == 0 ? 1 : (double) spreadOk / serviceCount);
    }

    /** Mixed sizes (16, 32 and 64 cores), three zones, a few unready nodes and some wear. */
    private static List<NodeSnapshot> nodes(int count, Random random) {
        List<NodeSnapshot> nodes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long cores = 16L << (i % 3);
            int roll = random.nextInt(200);
            NodeState state = roll == 0 ? NodeState.DOWN : roll == 1 ? NodeState.CORDONED : NodeState.READY;
            nodes.add(new NodeSnapshot(String.format(Locale.ROOT, "node-%05d", i), state,
                    Map.of("zone", ZONES[(i / 3) % ZONES.length]), cores * 1000, cores * 2 * (1L << 30),
                    0, 0, null, null, random.nextInt(3), random.nextDouble() * 2));
        }
        return nodes;
    }

    /** Small stateless services; most expose one port, one in ten avoids zone c. */
    private static ServiceSpec service(int s, Random random) {
        double cpu = new double[]{0.05, 0.1, 0.25}[random.nextInt(3)];
        ByteSize memory = ByteSize.ofMebibytes(new long[]{64, 128, 256}[random.nextInt(3)]);
        List<PortSpec> ports = s % 3 == 0 ? List.of() : List.of(new PortSpec("http", 8080));
        List<String> constraints = s % 10 == 0 ? List.of("zone != c") : List.of();
        return new ServiceSpec(String.format(Locale.ROOT, "svc-%05d", s), "registry.local:5000/svc:1", 100, null, null,
                new Resources(cpu, memory), ports, null, null, new PlacementSpec(List.of("node", "zone"), constraints, false), null);
    }

    /** Indexes of nodes that could take at least one instance when the call started. */
    private static int[] eligible(ClusterSnapshot snapshot, ServiceSpec spec) {
        List<PlacementConstraint> constraints = spec.placement().constraints().stream().map(PlacementConstraint::parse).toList();
        long cpu = spec.resources().milliCpu();
        long memory = spec.resources().memory().bytes();
        List<NodeSnapshot> nodes = snapshot.nodes();
        int[] out = new int[nodes.size()];
        int n = 0;
        for (int i = 0; i < nodes.size(); i++) {
            NodeSnapshot node = nodes.get(i);
            boolean fits = node.state() == NodeState.READY && node.milliCpu() - node.usedMilliCpu() >= cpu
                    && node.memoryBytes() - node.usedMemoryBytes() >= memory;
            for (PlacementConstraint c : constraints) fits &= c.test(node.labels().get(c.key()));
            if (fits) out[n++] = i;
        }
        return Arrays.copyOf(out, n);
    }

    /** max - min of the plan's instances per node over the nodes that were eligible. */
    private static int spread(Map<String, Integer> positions, int[] perNode, int[] eligible, Plan plan) {
        if (eligible.length == 0) return 0;
        for (Placement p : plan.placements()) perNode[positions.get(p.node())]++;
        int min = Integer.MAX_VALUE;
        int max = 0;
        for (int i : eligible) {
            min = Math.min(min, perNode[i]);
            max = Math.max(max, perNode[i]);
        }
        for (Placement p : plan.placements()) perNode[positions.get(p.node())] = 0;
        return max - min;
    }

    private static long percentile(long[] sorted, double q) {
        if (sorted.length == 0) return 0;
        int index = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static void resetPeakHeap() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) pool.resetPeakUsage();
        }
    }

    /** Sum of the heap pools' peaks: an upper bound on the live heap at any one moment. */
    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) sum += pool.getPeakUsage().getUsed();
        }
        return sum;
    }
}
