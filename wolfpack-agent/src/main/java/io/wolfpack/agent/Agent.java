package io.wolfpack.agent;

import io.wolfpack.agent.health.HealthTracker;

import io.wolfpack.agent.docker.DockerEngine;
import io.wolfpack.agent.docker.DockerJavaEngine;
import io.wolfpack.agent.health.HealthMonitor;
import io.wolfpack.agent.reconcile.Backoff;
import io.wolfpack.agent.reconcile.HealthRestartPolicy;
import io.wolfpack.agent.reconcile.ReconcileConfig;
import io.wolfpack.agent.usage.CpuSampler;
import io.wolfpack.client.ApiClient;
import io.wolfpack.core.model.InstanceState;
import io.wolfpack.core.model.InstanceStatus;
import io.wolfpack.core.model.NodeInfo;
import io.wolfpack.core.model.NodeReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The node agent: makes the host's containers match the node's assignments, checks their health
 * and reports what it sees. Three loops: the assignment poller (long-polls the server), the
 * reconcile loop (drives Docker) and the reporter (heartbeat); beside them the CPU sampler reads
 * each running container's CPU from the engine for the reports. Closing it stops the loops and
 * leaves the containers running, so a restarted agent adopts them.
 */
public final class Agent implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Agent.class);

    private final AgentConfig config;
    private final DockerEngine engine;
    private final boolean ownsEngine;
    private final AgentState state = new AgentState();
    private final HealthMonitor health;
    private final ReconcileLoop reconcile;
    private final Reporter reporter;
    private final AssignmentPoller poller;
    private final CpuSampler cpu;
    private final AgentHttpApi httpApi;
    private volatile String agentUrl;

    public Agent(AgentConfig config, ServerLink link, DockerEngine engine, Clock clock) {
        this(config, link, engine, clock, false);
    }

    private Agent(AgentConfig config, ServerLink link, DockerEngine engine, Clock clock, boolean ownsEngine) {
        this.config = config;
        this.engine = engine;
        this.ownsEngine = ownsEngine;
        ReconcileConfig rc = new ReconcileConfig(new Backoff(config.backoffInitial(), config.backoffMax()),
                config.backoffResetAfter(), new HealthRestartPolicy(config.unhealthyRestartMin(), config.startGrace()));
        this.reporter = new Reporter(link, config, state, this::report);
        this.health = new HealthMonitor(engine, reporter::wake, clock);
        this.reconcile = new ReconcileLoop(engine, config, state, rc, health, reporter::wake, clock);
        this.poller = new AssignmentPoller(link, config, state, reconcile::wake);
        this.cpu = new CpuSampler(engine, this::runningContainers, clock, CpuSampler.EVERY);
        this.httpApi = new AgentHttpApi(engine, config);
    }

    /** An agent for the server behind {@code api}, on the Docker engine named in the config. */
    public static Agent connect(AgentConfig config, ApiClient api) {
        return new Agent(config, ServerLink.of(api), new DockerJavaEngine(config.dockerHost()), Clock.systemUTC(), true);
    }

    /** Starts the agent API, then the loops; the first report goes out before assignments are asked for. */
    public void start() {
        int port = httpApi.start();
        String host = "0.0.0.0".equals(config.listenHost()) ? config.advertiseAddress() : config.listenHost();
        agentUrl = "http://" + host + ":" + port;
        try {
            state.engineVersion = engine.version();
        } catch (RuntimeException e) {
            state.engineError = "the Docker engine at " + config.dockerHost() + " does not answer: " + e.getMessage();
            LOG.warn("node {}: {}", config.nodeName(), state.engineError);
        }
        reporter.start();
        poller.start();
        reconcile.start();
        cpu.start();
        LOG.info("agent for node {} started (docker {}, API {})", config.nodeName(), config.dockerHost(), agentUrl);
    }

    /** The URL of the agent's own API (container logs), once started. */
    public String agentUrl() {
        return agentUrl;
    }

    public AgentConfig config() {
        return config;
    }

    /** The report the agent would send now: itself, the engine's state and every instance's status. */
    public NodeReport report() {
        NodeInfo node = new NodeInfo(config.nodeName(), config.advertiseAddress(), config.cpu(), config.memory(),
                config.labels(), state.engineVersion, agentVersion(), agentUrl);
        List<InstanceStatus> statuses = new ArrayList<>();
        for (InstanceStatus s : state.statuses) {
            var tracker = s.containerId() == null ? java.util.Optional.<HealthTracker>empty() : health.state(s.id(), s.containerId());
            if (StatusHealth.awaitingFirstResult(s, tracker)) continue;
            InstanceStatus merged = StatusHealth.merge(s, tracker);
            if (merged.state() == InstanceState.RUNNING && merged.containerId() != null) {
                merged = merged.withCpu(cpu.cores(merged.containerId()));
            }
            statuses.add(merged);
        }
        return new NodeReport(node, state.engineError, statuses, loadPerCore());
    }

    /** The containers of running instances, for the CPU sampler. */
    private List<String> runningContainers() {
        List<String> ids = new ArrayList<>();
        for (InstanceStatus s : state.statuses) {
            if (s.state() == InstanceState.RUNNING && s.containerId() != null) ids.add(s.containerId());
        }
        return ids;
    }

    /** The 1-minute load average per core, or null where the OS does not say. */
    private static Double loadPerCore() {
        double load = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return load < 0 ? null : load / Runtime.getRuntime().availableProcessors();
    }

    private static String agentVersion() {
        String v = Agent.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    @Override
    public void close() {
        poller.stop();
        reconcile.stop();
        reporter.stop();
        cpu.close();
        reconcile.closeExecutor();
        health.close();
        httpApi.close();
        if (ownsEngine) engine.close();
        LOG.info("agent for node {} stopped; its containers keep running", config.nodeName());
    }
}
