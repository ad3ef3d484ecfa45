package io.wolfpack.cli.bench;

import io.wolfpack.client.ApiClient;
import io.wolfpack.client.ApiException;
import io.wolfpack.core.api.InstanceView;
import io.wolfpack.core.api.ServiceView;
import io.wolfpack.core.model.Health;
import io.wolfpack.core.model.InstanceState;
import io.wolfpack.core.route.Backend;
import io.wolfpack.core.route.Endpoint;
import io.wolfpack.core.route.Route;
import io.wolfpack.core.route.RouteTable;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What the server says during the drill: its route table (long-polled, so each change is seen
 * as it is published) and the service (polled every 100 ms: where each instance is and whether
 * it is routable).
 */
final class DrillServerWatch implements AutoCloseable {
    static final long SERVICE_INTERVAL_MILLIS = 100;

    /** The hosts (IPs) of the drill route's endpoints in a table the server published. */
    record RouteSample(long atNanos, long version, List<String> endpointHosts) {
    }

    /** One instance as the server reported it. */
    record Placed(String id, String node, boolean routable) {
    }

    /** The service's instances at one moment. */
    record ServiceSample(long atNanos, List<Placed> instances) {
    }

    private final ApiClient api;
    private final String service;
    private final List<RouteSample> routes = new ArrayList<>();
    private final List<ServiceSample> services = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;
    private volatile String lastError;

    DrillServerWatch(ApiClient api, String service) {
        this.api = api;
        this.service = service;
        threads.add(new Thread(this::routeLoop, "drill-routes"));
        threads.add(new Thread(this::serviceLoop, "drill-service"));
        threads.forEach(t -> t.setDaemon(true));
        threads.forEach(Thread::start);
    }

    private void routeLoop() {
        long version = 0;
        while (running) {
            try {
                RouteTable t = api.routes(version, Duration.ofSeconds(5));
                long at = System.nanoTime();
                if (t.version() == version) continue;
                version = t.version();
                synchronized (routes) {
                    routes.add(new RouteSample(at, version, endpointHosts(t, service)));
                }
            } catch (ApiException e) {
                if (running) lastError = e.getMessage();
                if (!pause(200)) return;
            }
        }
    }

    private void serviceLoop() {
        while (running) {
            try {
                ServiceView v = api.service(service);
                ServiceSample s = new ServiceSample(System.nanoTime(), v.instances().stream().map(DrillServerWatch::placed).toList());
                synchronized (services) {
                    services.add(s);
                }
            } catch (ApiException e) {
                if (running) lastError = e.getMessage();
            }
            if (!pause(SERVICE_INTERVAL_MILLIS)) return;
        }
    }

    private boolean pause(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            return false;
        }
    }

    static Placed placed(InstanceView i) {
        boolean routable = i.state() == InstanceState.RUNNING && (i.health() == Health.PASSING || i.health() == Health.NONE);
        return new Placed(i.id(), i.node(), routable);
    }

    static List<String> endpointHosts(RouteTable t, String route) {
        List<String> hosts = new ArrayList<>();
        for (Route r : t.routes()) {
            if (!r.name().equals(route)) continue;
            for (Backend b : r.backends()) {
                for (Endpoint e : b.endpoints()) hosts.add(e.host());
            }
        }
        return hosts;
    }

    List<RouteSample> routes() {
        synchronized (routes) {
            return List.copyOf(routes);
        }
    }

    List<ServiceSample> services() {
        synchronized (services) {
            return List.copyOf(services);
        }
    }

    /** The last API failure, if any, for the report. */
    String lastError() {
        return lastError;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        for (Thread t : threads) t.interrupt();
        for (Thread t : threads) t.join(2000);
    }
}
