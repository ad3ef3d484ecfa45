package io.wolfpack.cli.bench;

import io.netty.channel.EventLoopGroup;
import io.wolfpack.router.LeakDetection;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A fleet of simulated agents in one process, without containers: N nodes register by reporting,
 * long-poll their assignments, and report every assigned instance running and passing in their
 * next heartbeat. Heartbeats go out every interval per node, spread evenly over the interval.
 *
 * <p>It speaks the same HTTP as {@code ApiClient} (same URLs and headers) through {@link SimHttp},
 * a lean HTTP/1.1 client on Netty event loops ({@code --threads}, default 1, at most one per
 * core): the simulator shares the machine with the server it measures, and the JDK's HttpClient
 * spent about a quarter of a 2-core machine on 1,000 reports/s in thread hops and futures. Each
 * loop runs its share of the nodes end to end ({@link FleetLane}): heartbeat timer, reports on a
 * small pool of keep-alive connections, and one long-poll connection per node, as a real fleet
 * holds N long-polls open on the server. A node sends its next heartbeat only after the previous
 * one was answered (as an agent does); a heartbeat that comes due while the last is still in
 * flight is counted as "skipped", the sign that the server does not keep up.
 *
 * <p>Every 5 s it prints a progress line. Control on stdin: {@code reset} starts a new
 * measurement window, {@code stop} (or end of input, or {@code --duration}) prints one
 * {@code SUMMARY key=value ...} line for the window and exits.
 */
public final class FleetSimulator {
    static final String SUMMARY = "SUMMARY";

    private final FleetStats stats;
    private final EventLoopGroup loops;
    private final List<FleetLane> lanes = new ArrayList<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "fleet-timer"));

    FleetSimulator(String server, String token, int nodeCount, Duration interval, int threads) {
        URI base = URI.create(server);
        this.stats = new FleetStats(nodeCount, interval.toMillis());
        this.loops = SimHttp.eventLoops(threads);
        List<SimNode> nodes = new ArrayList<>(nodeCount);
        for (int i = 1; i <= nodeCount; i++) nodes.add(new SimNode(i));
        for (int l = 0; l < threads; l++) {
            HeartbeatSchedule schedule = new HeartbeatSchedule(interval.toNanos(), nodeCount, threads, l);
            List<SimNode> share = new ArrayList<>(schedule.size());
            for (int i = 0; i < schedule.size(); i++) share.add(nodes.get(schedule.fleetIndex(i)));
            lanes.add(new FleetLane(new SimHttp(loops.next(), base, token), share, schedule, stats));
        }
    }

    public static void main(String[] args) throws Exception {
        BenchArgs a = new BenchArgs("FleetSimulator", args);
        String server = a.string("server", "http://127.0.0.1:7700");
        String tokenFile = a.string("join-token-file", null);
        int n = a.integer("nodes", 1000);
        Duration heartbeat = a.duration("heartbeat", Duration.ofSeconds(1));
        int threads = a.integer("threads", 1);
        Duration duration = a.duration("duration", Duration.ZERO);
        a.checkAllUsed();
        // one sampled buffer in 128 with a stack trace: CPU taken from the server being measured
        LeakDetection.offUnlessConfigured();
        if (tokenFile == null) throw new IllegalArgumentException("FleetSimulator: --join-token-file FILE is required (the server's DATA_DIR/join-token)");
        if (n < 1 || threads < 1 || heartbeat.isZero()) throw new IllegalArgumentException("FleetSimulator: --nodes, --threads and --heartbeat must be above 0");
        // More event loops than cores (or nodes) would only add wake-ups and context switches.
        int loops = Math.min(threads, Math.min(n, Runtime.getRuntime().availableProcessors()));
        String token = Files.readString(Path.of(tokenFile), StandardCharsets.UTF_8).trim();
        FleetSimulator sim = new FleetSimulator(server, token, n, heartbeat, loops);
        System.out.printf("[fleet] %,d nodes against %s, heartbeat every %s, %d event loop%s (--threads %d)%n", n, server,
                FleetPhase.human(heartbeat), loops, loops == 1 ? "" : "s", threads);
        sim.run(duration);
        System.exit(0);
    }

    void run(Duration duration) throws InterruptedException {
        CountDownLatch stop = new CountDownLatch(1);
        timer.scheduleAtFixedRate(stats::progress, 5, 5, TimeUnit.SECONDS);
        if (!duration.isZero()) timer.schedule(stop::countDown, duration.toMillis(), TimeUnit.MILLISECONDS);
        Thread control = daemon(() -> readControl(stop), "fleet-control");
        control.start();
        long start = System.nanoTime();
        for (FleetLane lane : lanes) lane.start(start);
        stop.await();
        stats.stop();
        System.out.println(stats.summary());
        System.out.flush();
        timer.shutdownNow();
        loops.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    private void readControl(CountDownLatch stop) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.trim().equals("reset")) stats.reset();
                else if (line.trim().equals("stop")) break;
            }
        } catch (java.io.IOException e) {
            System.out.println("[fleet] stdin closed: " + e.getMessage());
        }
        stop.countDown();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
