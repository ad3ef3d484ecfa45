package io.wolfpack.cli.bench;

import io.wolfpack.client.ApiClient;
import io.wolfpack.client.ApiException;
import io.wolfpack.core.api.EventPage;
import io.wolfpack.core.api.InstanceView;
import io.wolfpack.core.api.NodeView;
import io.wolfpack.core.api.ServiceView;
import io.wolfpack.core.model.Event;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * The failover drill (issue 4, item 7) against a running testbed: a service of 6 replicas behind
 * the router, steady GET load through the router, then one host is killed ({@code scripts/testbed
 * kill-host}: agent, containers and dockerd by pid) or cut off ({@code cut-host}: link down). It
 * measures failed requests, the last attempt at the failed host, and when replacements were
 * healthy elsewhere; then it restores the host and checks the service converges to exactly 6.
 * {@code scripts/failover-drill} brings the testbed up and runs this. See docs/TESTBED.md.
 */
public final class FailoverDrill {
    private final DrillOptions o;
    private final ApiClient api;
    private final DrillTestbed testbed;
    private final PrintStream out;
    /** What to undo if the drill is stopped halfway (the host left failed, the service left deployed). */
    private volatile Runnable undo;

    FailoverDrill(DrillOptions o, ApiClient api, DrillTestbed testbed, PrintStream out) {
        this.o = o;
        this.api = api;
        this.testbed = testbed;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        // The load sets the Host header of the drill's route; the JDK client allows that only when asked.
        System.setProperty("jdk.httpclient.allowRestrictedHeaders", "host");
        DrillOptions o;
        try {
            o = DrillOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        try {
            DrillTestbed testbed = new DrillTestbed(o.testbed(), o.state());
            testbed.check();
            if (!Files.isReadable(o.tokenFile())) {
                throw new IllegalStateException("--token-file " + o.tokenFile() + " is not readable (the testbed writes STATE/server/token)");
            }
            ApiClient api = new ApiClient(o.server(), Files.readString(o.tokenFile()).trim());
            FailoverDrill drill = new FailoverDrill(o, api, testbed, System.out);
            Runtime.getRuntime().addShutdownHook(new Thread(drill::undoIfNeeded, "drill-undo"));
            List<DrillResult> results = new ArrayList<>();
            for (String fault : o.faults()) results.add(drill.run(fault));
            DrillReport.printTable(results, System.out);
        } catch (IllegalStateException | IllegalArgumentException | ApiException e) {
            System.err.println("failover drill: error: " + e.getMessage());
            System.exit(1);
        }
        System.exit(0);
    }

    private void undoIfNeeded() {
        Runnable u = undo;
        if (u != null) u.run();
    }

    /** One drill: deploy, load, fault, measure, restore, measure, clean up. */
    DrillResult run(String fault) throws Exception {
        String name = o.service() + "-" + fault;
        String node = "h" + o.host();
        String faultCmd = fault.equals("kill") ? "kill-host" : "cut-host";
        String restoreCmd = fault.equals("kill") ? "start-host" : "heal-host";
        String deadHost = testbed.address(o.host());
        out.printf("%n=== %s drill: %s of host %s, service %s (%d replicas) ===%n", fault, faultCmd, node, name, o.replicas());

        awaitNodesReady();
        ServiceView placed = deploy(name);
        Map<String, Long> spread = perNode(placed);
        out.printf("  %d routable: %s%n", o.replicas(), spread);
        long onDead = spread.getOrDefault(node, 0L);
        if (onDead == 0) throw new IllegalStateException("host " + node + " runs no instance of " + name + " (" + spread + "); choose another --host");
        if (onDead * testbed.hosts().size() != o.replicas()) {
            out.printf("  note: %s runs %d of %d instances, not an even share%n", node, onDead, o.replicas());
        }
        ensureImageCached();

        Set<String> deadEndpoints = new HashSet<>(), allEndpoints = new HashSet<>();
        Set<Integer> deadPorts = new HashSet<>();
        Map<String, String> instanceNodes = new HashMap<>();
        for (InstanceView i : placed.instances()) {
            instanceNodes.put(i.id(), i.node());
            for (int port : i.hostPorts().values()) {
                allEndpoints.add(i.address() + ":" + port);
                if (i.node().equals(node)) {
                    deadEndpoints.add(i.address() + ":" + port);
                    deadPorts.add(port);
                }
            }
        }

        long lastSeq = lastEventSeq();
        DrillServerWatch watch = new DrillServerWatch(api, name);
        DrillRouterMetrics metrics = routerMetrics(name);
        DrillConntrack conntrack = null;
        DrillHostSyns syns = null;
        long baselineNanos;
        DrillLoad load = new DrillLoad(o.router(), o.routeHost(name), o.threads(), o.rate(), o.requestTimeout());
        long faultNanos, faultDone, restoreNanos = 0, converged = 0;
        Instant faultWall;
        Map<String, Integer> containersAfter = new TreeMap<>();
        try {
            out.printf("  load: %d threads, %d requests/s, %d ms timeout, keep-alive, GET %s/ Host: %s%n", o.threads(), o.rate(),
                    o.requestTimeout().toMillis(), o.router(), o.routeHost(name));
            load.start();
            warmUp(load);
            // The kernel-side views start one second before the fault: that second shows they see the traffic.
            baselineNanos = System.nanoTime();
            conntrack = new DrillConntrack(o.conntrack(), allEndpoints);
            syns = new DrillHostSyns(o.host(), deadPorts);
            out.printf("  attempts at %s seen by: conntrack %s; SYN counters in %s %s; router metrics %s%n", node,
                    conntrack.unavailable() == null ? "yes" : "no (" + conntrack.unavailable() + ")", node,
                    syns.unavailable() == null ? "yes" : "no (" + syns.unavailable() + ")",
                    metrics.unavailable() == null ? "yes" : "no (" + metrics.unavailable() + ")");
            TimeUnit.SECONDS.sleep(1);

            undo = () -> {
                restoreQuietly(restoreCmd);
                removeQuietly(name);
            };
            faultWall = Instant.now();
            faultNanos = System.nanoTime();
            testbed.run(faultCmd, o.host());
            faultDone = System.nanoTime();
            out.printf("  %s %d done in %.2f s; waiting for %d routable instances elsewhere and %s out of the routes%n",
                    faultCmd, o.host(), (faultDone - faultNanos) / 1e9, o.replicas(), node);
            long since = faultNanos;
            boolean recovered = await(o.recoverTimeout(), () -> {
                DrillRecord partial = record(fault, node, deadHost, since, faultWall, 0, 0, List.of(), instanceNodes, List.of(),
                        watch, 0, Map.of(), List.of());
                return DrillResult.replacementsHealthy(partial) != null && DrillResult.routeDropped(partial) != null;
            });
            out.printf("  %s after %.1f s%n", recovered ? "recovered" : "NOT recovered", (System.nanoTime() - faultNanos) / 1e9);
            TimeUnit.MILLISECONDS.sleep(o.settle().toMillis());

            restoreNanos = System.nanoTime();
            testbed.run(restoreCmd, o.host());
            undo = () -> removeQuietly(name);
            out.printf("  %s %d done in %.2f s; waiting for exactly %d instances, one container each%n", restoreCmd, o.host(),
                    (System.nanoTime() - restoreNanos) / 1e9, o.replicas());
            converged = awaitConvergence(name, node, containersAfter);
            long waited = (converged > 0 ? converged : System.nanoTime()) - restoreNanos;
            out.printf("  %s after %.1f s%n", converged > 0 ? "converged" : "NOT converged", waited / 1e9);
            TimeUnit.MILLISECONDS.sleep(o.settle().toMillis());
        } finally {
            load.close();
            if (conntrack != null) conntrack.close();
            if (syns != null) syns.close();
            metrics.close();
            watch.close();
        }
        for (DrillServerWatch.ServiceSample s : watch.services()) {
            for (DrillServerWatch.Placed p : s.instances()) instanceNodes.put(p.id(), p.node());
        }
        containersAfter.clear();
        containersAfter.putAll(testbed.runningContainers(name));
        // A sample's time is when it was read, so a starved sampler makes times later; these show by how much.
        if (conntrack.unavailable() == null) {
            out.printf("  conntrack table read: %s; %s%n", conntrack.readTimes().describe().replace("calls", "samples"), conntrack.cost());
        }
        if (syns.unavailable() == null) {
            out.printf("  gaps between %s's SYN counter samples: %s%n", node, gaps(syns.samples()).describe().replace("calls", "gaps"));
        }
        if (watch.lastError() != null) out.printf("  note: an API call failed during the drill: %s%n", watch.lastError());

        List<DrillRecord.AttemptView> views = List.of(
                conntrackView(conntrack, node, deadEndpoints, faultNanos, requestsBetween(load, baselineNanos, faultNanos)),
                new DrillRecord.AttemptView("SYNs that reached " + node + "'s instance ports (iptables, in its namespace)", syns.unavailable(),
                        DrillResult.rises(syns.samples(), DrillHostSyns.Sample::atNanos, DrillHostSyns.Sample::syns), ""),
                metricsView(metrics, faultNanos, restoreNanos));
        DrillRecord rec = record(fault, node, deadHost, faultNanos, faultWall, faultDone, restoreNanos, load.requests(), instanceNodes,
                views, watch, converged, containersAfter, serverEvents(lastSeq, name));
        DrillResult result = DrillResult.of(rec);
        removeQuietly(name);
        undo = null;
        DrillReport.print(result, "scripts/testbed " + faultCmd + " " + o.host(), "scripts/testbed " + restoreCmd + " " + o.host(), out);
        return result;
    }

    private DrillRecord record(String fault, String node, String deadHost, long faultNanos, Instant faultWall, long faultDone,
                               long restoreNanos, List<DrillRequest> requests, Map<String, String> instanceNodes,
                               List<DrillRecord.AttemptView> views, DrillServerWatch watch, long converged,
                               Map<String, Integer> containers, List<DrillRecord.ServerEvent> events) {
        return new DrillRecord(fault, node, deadHost, o.replicas(), faultNanos, faultWall, faultDone, restoreNanos, requests,
                instanceNodes, views, watch.routes(), watch.services(), converged, containers, events);
    }

    private static long requestsBetween(DrillLoad load, long from, long to) {
        return load.requests().stream().filter(q -> q.startNanos() >= from && q.startNanos() < to).count();
    }

    private static DrillRecord.AttemptView conntrackView(DrillConntrack c, String node, Set<String> deadEndpoints, long faultNanos,
                                                         long baselineRequests) {
        List<Long> toDead = new ArrayList<>();
        int warm = 0;
        for (DrillConntrack.Seen s : c.seen()) {
            if (s.atNanos() < faultNanos) warm++;
            else if (deadEndpoints.contains(s.endpoint())) toDead.add(s.atNanos());
        }
        // Attempts are visible only if the router opens a connection per attempt; the warm-up shows whether it does.
        return new DrillRecord.AttemptView("new connections to " + node + "'s instance ports (conntrack)", c.unavailable(), toDead,
                warm + " new connections to the service's instances in the second before the fault, for " + baselineRequests + " requests");
    }

    private static DrillRecord.AttemptView metricsView(DrillRouterMetrics m, long faultNanos, long restoreNanos) {
        List<DrillRouterMetrics.Sample> samples = m.samples();
        String note = "";
        if (!samples.isEmpty()) {
            DrillRouterMetrics.Sample base = samples.get(0), last = samples.get(samples.size() - 1);
            for (DrillRouterMetrics.Sample s : samples) {
                if (s.atNanos() < faultNanos) base = s;
                if (restoreNanos == 0 || s.atNanos() < restoreNanos) last = s;
            }
            note = String.format("%.0f upstream errors, %.0f retries, %.0f ejections", last.upstreamErrors() - base.upstreamErrors(),
                    last.retries() - base.retries(), last.ejections() - base.ejections());
        }
        return new DrillRecord.AttemptView("rises of the router's upstream errors (Prometheus)", m.unavailable(),
                DrillResult.rises(samples, DrillRouterMetrics.Sample::atNanos, DrillRouterMetrics.Sample::upstreamErrors), note);
    }

    // ---- steps

    private void awaitNodesReady() throws InterruptedException {
        if (!await(o.recoverTimeout(), () -> api.nodes().stream().allMatch(n -> n.state().wire().equals("ready")))) {
            throw new IllegalStateException("not every node is ready: " + api.nodes().stream()
                    .map(n -> n.name() + "=" + n.state().wire()).collect(Collectors.joining(" ")));
        }
        List<NodeView> nodes = api.nodes();
        out.printf("  nodes ready: %s%n", nodes.stream().map(NodeView::name).sorted().collect(Collectors.joining(" ")));
    }

    private ServiceView deploy(String name) throws Exception {
        if (api.services().stream().anyMatch(s -> s.name().equals(name))) {
            out.printf("  %s is left from an earlier run: removing it first%n", name);
            removeQuietly(name);
        }
        String spec = """
                name: %s
                image: %s
                replicas: %d
                resources: {cpu: 0.05, memory: 16Mi}
                ports: [{name: http, container: 8080}]
                health: {http: {port: http, path: /healthz}, interval: 500ms}
                route: {host: %s, path: /, port: http}
                """.formatted(name, o.image(), o.replicas(), o.routeHost(name));
        api.deploy(spec, true);
        undo = () -> removeQuietly(name);
        long t0 = System.nanoTime();
        ServiceView[] last = new ServiceView[1];
        boolean ok = await(o.recoverTimeout(), () -> {
            last[0] = api.service(name);
            return last[0].instances().size() == o.replicas()
                    && last[0].instances().stream().map(DrillServerWatch::placed).allMatch(DrillServerWatch.Placed::routable);
        });
        if (!ok) {
            throw new IllegalStateException(name + " did not get " + o.replicas() + " routable instances within " + o.recoverTimeout().toSeconds()
                    + "s: " + describe(last[0]));
        }
        out.printf("  deployed %s (%s) in %.1f s%n", name, o.image(), (System.nanoTime() - t0) / 1e9);
        return last[0];
    }

    /** Replacements must not wait for a pull: every host gets the image before the fault. */
    private void ensureImageCached() throws IOException, InterruptedException {
        List<String> pulled = new ArrayList<>();
        for (int h : testbed.hosts()) {
            if (!testbed.hasImage(h, o.image())) {
                testbed.pull(h, o.image());
                pulled.add("h" + h);
            }
        }
        out.printf("  image cached on every host%s%n", pulled.isEmpty() ? "" : " (pulled on " + String.join(" ", pulled) + ")");
    }

    private DrillRouterMetrics routerMetrics(String route) {
        String m = o.routerMetrics();
        if (m.equals("none")) return DrillRouterMetrics.none("--router-metrics none");
        URI url = URI.create(m.equals("auto") ? o.router() + "/metrics" : m);
        return new DrillRouterMetrics(url, route);
    }

    /**
     * Runs the load until one whole warm-up period ends with no failed request: a failover is
     * measured only against a clean baseline (a cold router or a starved machine fails requests
     * on its own). Gives up after ten periods.
     */
    private void warmUp(DrillLoad load) throws InterruptedException {
        long period = o.warmup().toNanos();
        for (int i = 1; i <= 10; i++) {
            TimeUnit.NANOSECONDS.sleep(period);
            long since = System.nanoTime() - period;
            List<DrillRequest> window = load.requests().stream().filter(q -> q.endNanos() >= since).toList();
            List<DrillRequest> failed = window.stream().filter(q -> !q.ok()).toList();
            if (!window.isEmpty() && failed.isEmpty()) {
                out.printf("  warm-up: %d requests in the last %d ms, none failed (after %d period%s); machine load average %s%n",
                        window.size(), o.warmup().toMillis(), i, i == 1 ? "" : "s", loadAverage());
                return;
            }
            out.printf("  warm-up: %d of %d requests in the last %d ms failed (%s); waiting for a clean baseline%n", failed.size(),
                    window.size(), o.warmup().toMillis(), failed.isEmpty() ? "none answered" : failed.get(0).error());
        }
        throw new IllegalStateException("no clean baseline: requests through the router kept failing before any fault for "
                + 10 * o.warmup().toSeconds() + "s; see the warm-up lines above and the router's log (STATE/logs/router.log)");
    }

    /** When the service converged after the restore (see {@link #converged}), or 0 if not within --recover-timeout. */
    private long awaitConvergence(String name, String node, Map<String, Integer> containers) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + o.recoverTimeout().toNanos();
        while (System.nanoTime() < deadline) {
            long t = System.nanoTime();
            try {
                if (converged(name, node, containers)) return t;
            } catch (ApiException | IllegalStateException e) {
                // the server or a host engine answers again in a moment; the deadline bounds the wait
            }
            TimeUnit.MILLISECONDS.sleep(250);
        }
        return 0;
    }

    /**
     * The restored node is ready again, the service has exactly replicas instances, all routable,
     * and each host runs as many of its containers as it has instances (no duplicate left).
     */
    private boolean converged(String name, String node, Map<String, Integer> containers) throws IOException, InterruptedException {
        if (api.nodes().stream().noneMatch(n -> n.name().equals(node) && n.state().wire().equals("ready"))) return false;
        ServiceView v = api.service(name);
        if (v.instances().size() != o.replicas()) return false;
        if (!v.instances().stream().map(DrillServerWatch::placed).allMatch(DrillServerWatch.Placed::routable)) return false;
        Map<String, Integer> running = testbed.runningContainers(name);
        containers.clear();
        containers.putAll(running);
        Map<String, Long> assigned = perNode(v);
        for (Map.Entry<String, Integer> e : running.entrySet()) {
            if (e.getValue() != assigned.getOrDefault(e.getKey(), 0L).intValue()) return false;
        }
        return true;
    }

    private long lastEventSeq() {
        long after = 0;
        while (true) {
            EventPage p = api.events(after, Duration.ZERO, 1000);
            if (p.events().isEmpty()) return after;
            after = p.last();
        }
    }

    /** Every node event, and the service's own events, after {@code after}. */
    private List<DrillRecord.ServerEvent> serverEvents(long after, String service) {
        List<DrillRecord.ServerEvent> events = new ArrayList<>();
        long seq = after;
        while (true) {
            EventPage p = api.events(seq, Duration.ZERO, 1000);
            if (p.events().isEmpty()) return events;
            for (Event e : p.events()) {
                if (e.type().startsWith("node.") || service.equals(e.service())) {
                    events.add(new DrillRecord.ServerEvent(e.type(), e.node(), e.time(), e.message()));
                }
            }
            seq = p.last();
        }
    }

    private void restoreQuietly(String restoreCmd) {
        try {
            out.printf("  restoring: scripts/testbed %s %d%n", restoreCmd, o.host());
            testbed.run(restoreCmd, o.host());
        } catch (Exception e) {
            System.err.println("failover drill: could not restore host " + o.host() + ": " + e.getMessage());
        }
    }

    /** Removes the drill's service and waits (up to 60 s) until its containers are gone. */
    private void removeQuietly(String name) {
        try {
            api.remove(name);
            await(Duration.ofSeconds(60), () -> {
                try {
                    return testbed.runningContainers(name).values().stream().allMatch(c -> c == 0);
                } catch (IOException | IllegalStateException e) {
                    return true; // a host that cannot answer (still failed) has nothing to wait for
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return true;
                }
            });
        } catch (Exception e) {
            System.err.println("failover drill: could not remove " + name + ": " + e.getMessage());
        }
    }

    // ---- helpers

    private static boolean await(Duration timeout, BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (done.getAsBoolean()) return true;
            } catch (ApiException e) {
                // the server answers again in a moment; the deadline bounds the wait
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        return false;
    }

    private static Latencies.Summary gaps(List<DrillHostSyns.Sample> samples) {
        long[] micros = new long[Math.max(0, samples.size() - 1)];
        for (int i = 1; i < samples.size(); i++) micros[i - 1] = (samples.get(i).atNanos() - samples.get(i - 1).atNanos()) / 1000;
        return Latencies.summarise(micros);
    }

    static Map<String, Long> perNode(ServiceView v) {
        return v.instances().stream().collect(Collectors.groupingBy(InstanceView::node, TreeMap::new, Collectors.counting()));
    }

    private static String describe(ServiceView v) {
        if (v == null) return "no answer";
        return v.instances().stream().map(i -> i.id() + "@" + i.node() + " " + i.state().wire() + "/" + i.health().wire()
                + (i.message() == null ? "" : " (" + i.message() + ")")).collect(Collectors.joining(", "))
                + (v.unplaced().isEmpty() ? "" : "; unplaced: " + v.unplaced());
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2] + " (" + Runtime.getRuntime().availableProcessors() + " cores)";
        } catch (IOException e) {
            return "unknown";
        }
    }
}
