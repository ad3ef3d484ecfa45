package io.wolfpack.cli.roles;

import io.wolfpack.agent.Agent;
import io.wolfpack.agent.AgentConfig;
import io.wolfpack.agent.DockerDiagnosis;
import io.wolfpack.agent.demo.DemoImage;
import io.wolfpack.agent.docker.DockerJavaEngine;
import io.wolfpack.client.ApiClient;
import io.wolfpack.core.api.ServiceView;
import io.wolfpack.core.model.NodeLiveness;
import io.wolfpack.core.schedule.PortRange;
import io.wolfpack.router.LeakDetection;
import io.wolfpack.router.Router;
import io.wolfpack.router.RouterConfig;
import io.wolfpack.router.RouterFeed;
import io.wolfpack.router.RouterStatsReporter;
import io.wolfpack.server.ServerConfig;
import io.wolfpack.server.TokenFile;
import io.wolfpack.server.WolfpackServer;
import io.wolfpack.store.EmbeddedZooKeeper;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;

/**
 * {@code wolfpack dev}: the whole cluster in one process on one host: an embedded ZooKeeper, the
 * server, one agent on the local engine and the router. The agent and router talk to the server
 * over its API exactly as they do on a fleet.
 */
@Command(name = "dev", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run a one-node cluster (server, agent, router) in this process.",
                "ZooKeeper runs embedded with its data under --data-dir, the API on --listen, an agent on",
                "the local Docker engine, and the router on --router.",
                "Stop it with Ctrl-C; containers keep running and are adopted, not restarted, at the next start",
                "on the same --data-dir.",
                "With --demo it builds a tiny busybox image, deploys it as service 'demo' with 3 replicas",
                "and a route, and prints the curl command that reaches it."},
        footerHeading = "%nExamples:%n",
        footer = {"  ./wolfpack dev --demo",
                "  ./wolfpack dev --data-dir /tmp/wp --listen 127.0.0.1:7700 --router 127.0.0.1:8080"})
public final class DevCommand implements Callable<Integer> {
    static final String DEMO_HOST = "demo.local";

    @Option(names = "--data-dir", defaultValue = ".wolfpack",
            description = "Cluster state, token and node name live here (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--listen", converter = Listen.Converter.class, defaultValue = "127.0.0.1:7700",
            description = "Address of the API (default: ${DEFAULT-VALUE}).")
    Listen listen;

    @Option(names = "--router", converter = Listen.Converter.class, defaultValue = "127.0.0.1:7780",
            description = "Address the router serves on (default: ${DEFAULT-VALUE}).")
    Listen router;

    @Option(names = "--docker", defaultValue = "unix:///var/run/docker.sock",
            description = "The Docker engine (default: ${DEFAULT-VALUE}).")
    String docker;

    @Option(names = "--port-range", converter = PortRangeConverter.class, defaultValue = "20000-29999",
            description = "Host ports given to instances (default: ${DEFAULT-VALUE}).")
    PortRange portRange;

    @Option(names = "--demo", description = "Build and deploy the demo service (3 replicas behind the router).")
    boolean demo;

    @Override
    public Integer call() throws Exception {
        var problem = DockerDiagnosis.check(docker);
        if (problem.isPresent()) {
            System.err.println("wolfpack dev: " + problem.get());
            return 1;
        }
        Files.createDirectories(dataDir);
        LeakDetection.offUnlessConfigured(); // before the first buffer; -Dio.netty.leakDetection.level wins
        Lifecycle life = new Lifecycle();
        try {
            EmbeddedZooKeeper zk = life.add(EmbeddedZooKeeper.start(dataDir.resolve("zookeeper"), "127.0.0.1", 0));
            String token = TokenFile.loadOrCreate(dataDir);
            String joinToken = TokenFile.loadOrCreate(dataDir, TokenFile.JOIN_NAME);
            WolfpackServer server = life.add(new WolfpackServer(new ServerConfig(listen.host(), listen.port(), dataDir,
                    zk.connectString(), token, joinToken, portRange, NodeLiveness.DEFAULT, Duration.ofSeconds(10))));
            server.start();
            ApiClient api = new ApiClient(server.url(), token);
            // The agent and router join with the join token, as they would on a fleet.
            ApiClient feeds = new ApiClient(server.url(), joinToken);

            Router r = life.add(new Router(RouterConfig.defaults().withHost(router.host()).withPort(router.port()), server.metrics()));
            r.start();
            life.add(new RouterFeed(feeds, r)).start();
            life.add(new RouterStatsReporter(feeds, r)).start();

            AgentConfig agentConfig = AgentConfig.builder(nodeName())
                    .advertiseAddress("127.0.0.1")
                    .publishIp("127.0.0.1")
                    .dockerHost(docker)
                    .listen("127.0.0.1", 0)
                    .token(joinToken)
                    .build();
            life.add(Agent.connect(agentConfig, feeds)).start();

            System.out.println();
            System.out.println("Wolfpack dev cluster is up (node " + agentConfig.nodeName() + ")");
            System.out.println("  API      " + server.url() + "   (token in " + dataDir.resolve(TokenFile.NAME) + ")");
            System.out.println("  router   http://" + router.host() + ":" + r.port());
            boolean defaults = server.url().equals(io.wolfpack.client.ApiClient.DEFAULT_ADDR)
                    && dataDir.normalize().toString().equals(".wolfpack");
            String where = defaults ? "" : "   (first: export WOLFPACK_ADDR=" + server.url()
                    + " WOLFPACK_TOKEN=$(cat " + dataDir.resolve(TokenFile.NAME) + "))";
            System.out.println("  try      ./wolfpack status    ./wolfpack nodes    ./wolfpack events --follow" + where);
            if (demo) deployDemo(api, r.port());
        } catch (Exception | Error e) {
            life.closeAll();
            throw e;
        }
        return life.runUntilStopped();
    }

    private void deployDemo(ApiClient api, int routerPort) throws InterruptedException {
        System.out.println("Building the demo image " + DemoImage.TAG + " ...");
        try (DockerJavaEngine engine = new DockerJavaEngine(docker)) {
            DemoImage.ensure(engine);
        }
        String spec = """
                name: demo
                image: %s
                replicas: 3
                resources: {cpu: 0.1, memory: 32Mi}
                ports:
                  - {name: http, container: %d}
                health:
                  http: {port: http, path: /healthz}
                  interval: 1s
                route: {host: %s, path: /, port: http}
                """.formatted(DemoImage.TAG, DemoImage.PORT, DEMO_HOST);
        ServiceView v = api.deploy(spec, true);
        System.out.println("Deployed service demo (revision " + v.revision() + "); waiting for 3 healthy instances ...");
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            v = api.service("demo");
            if (v.healthy() >= v.desired()) break;
            Thread.sleep(250);
        }
        System.out.println("demo: " + v.healthy() + "/" + v.desired() + " healthy. Reach it through the router:");
        System.out.println("  curl -H 'Host: " + DEMO_HOST + "' http://127.0.0.1:" + routerPort + "/");
    }

    /** The node's name is chosen once and kept in the data directory, so a restart is the same node. */
    private String nodeName() throws IOException {
        Path file = dataDir.resolve("node-name");
        if (Files.exists(file)) return Files.readString(file).trim();
        String name = AgentCommand.defaultNodeName();
        Files.writeString(file, name + "\n");
        return name;
    }
}
