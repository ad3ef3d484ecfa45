package io.wolfpack.cli.roles;

import io.wolfpack.core.model.NodeLiveness;
import io.wolfpack.core.schedule.PortRange;
import io.wolfpack.server.ServerConfig;
import io.wolfpack.server.TokenFile;
import io.wolfpack.server.WolfpackServer;
import io.wolfpack.store.EmbeddedZooKeeper;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

/** {@code wolfpack server}: the control plane. */
@Command(name = "server", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run the control plane: REST API, scheduler and controllers.",
                "The cluster state lives in ZooKeeper.",
                "Without --zookeeper it runs a real ZooKeeper server inside this process, its data under --data-dir.",
                "The cluster token is created at the first start in DATA_DIR/token (mode 0600)."},
        footerHeading = "%nExamples:%n",
        footer = {"  wolfpack server --data-dir /var/lib/wolfpack",
                "  wolfpack server --listen 10.0.0.5:7700 --zookeeper zk1:2181,zk2:2181,zk3:2181"})
public final class ServerCommand implements Callable<Integer> {
    @Option(names = "--listen", converter = Listen.Converter.class, defaultValue = "127.0.0.1:7700",
            description = "Address of the API and dashboard (default: ${DEFAULT-VALUE}). Loopback unless told otherwise.")
    Listen listen;

    @Option(names = "--data-dir", defaultValue = "/var/lib/wolfpack",
            description = "Where the token and the embedded ZooKeeper's data live (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--zookeeper", paramLabel = "HOST:PORT[,...]",
            description = "An external ZooKeeper ensemble; several servers may share one (one leads). Default: embedded.")
    String zookeeper;

    @Option(names = "--port-range", converter = PortRangeConverter.class, defaultValue = "20000-29999",
            description = "Host ports given to instances (default: ${DEFAULT-VALUE}).")
    PortRange portRange;

    @Option(names = "--suspect-after", defaultValue = "2s", paramLabel = "DURATION",
            description = "A node without a heartbeat this long is suspect: its instances leave every route and"
                    + " replacements start elsewhere (default: ${DEFAULT-VALUE}; agents report every 500ms).")
    String suspectAfter;

    @Option(names = "--down-after", defaultValue = "10s", paramLabel = "DURATION",
            description = "A node without a heartbeat this long is down: its instances are removed"
                    + " (default: ${DEFAULT-VALUE}). Large fleets stretch both (docs/ARCHITECTURE.md).")
    String downAfter;

    @Option(names = "--registry", paramLabel = "HOST:PORT",
            description = "The registry hosts pull from; turns on images and patch campaigns (docs/IMAGES.md)."
                    + " Built images are pushed there and services are rolled to HOST:PORT/NAME@DIGEST.")
    String registry;

    @Option(names = "--registry-push", paramLabel = "HOST:PORT",
            description = "The same registry as this server's Docker engine reaches it, when that differs"
                    + " (Docker trusts plain-HTTP registries on loopback only; default: --registry).")
    String registryPush;

    @Option(names = "--build-docker", paramLabel = "URI", defaultValue = "unix:///var/run/docker.sock",
            description = "The Docker engine that builds images (default: ${DEFAULT-VALUE}).")
    java.net.URI buildDocker;

    @Option(names = "--campaign-canary", paramLabel = "WEIGHT/HOLD", defaultValue = "33/30s",
            description = "The canary a campaign gives a service whose spec has no update.canary (default: ${DEFAULT-VALUE}).")
    String campaignCanary;

    @Option(names = "--image-poll", defaultValue = "30s", paramLabel = "DURATION",
            description = "How often registered image repositories are looked at for new commits (default: ${DEFAULT-VALUE}).")
    String imagePoll;

    @Option(names = "--no-auto-campaign", description = "Do not start a campaign when a commit changes an image others are built on.")
    boolean noAutoCampaign;

    @Option(names = "--max-versions", defaultValue = "2", paramLabel = "N",
            description = "Version budget: live image versions per service (default: ${DEFAULT-VALUE}).")
    int maxVersions;

    @Option(names = "--max-base-age", defaultValue = "30", paramLabel = "DAYS",
            description = "Version budget: age of the base builds live images stand on (default: ${DEFAULT-VALUE}).")
    int maxBaseAge;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** The images options, or a usage error naming the bad one. */
    io.wolfpack.server.images.ImagesConfig images() {
        String[] parts = campaignCanary.split("/", 2);
        io.wolfpack.core.spec.UpdateSpec.Canary canary;
        try {
            int weight = Integer.parseInt(parts[0].trim());
            if (weight < 1 || weight > 99 || parts.length < 2) throw new IllegalArgumentException();
            canary = new io.wolfpack.core.spec.UpdateSpec.Canary(weight, io.wolfpack.core.spec.TimeSpan.parse(parts[1].trim()));
        } catch (RuntimeException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--campaign-canary '" + campaignCanary
                    + "' must be WEIGHT/HOLD with a weight of 1-99 percent and a duration, e.g. 33/30s");
        }
        try {
            return new io.wolfpack.server.images.ImagesConfig(registry, registryPush, buildDocker, dataDir.resolve("images"), canary,
                    duration("--image-poll", imagePoll), !noAutoCampaign, maxVersions, maxBaseAge);
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /** The liveness thresholds from the options, or a usage error naming the bad one. */
    NodeLiveness liveness() {
        Duration suspect = duration("--suspect-after", suspectAfter);
        Duration down = duration("--down-after", downAfter);
        if (suspect.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--suspect-after " + suspectAfter
                    + " is too short: agents report every 500ms, so use at least 1s");
        }
        if (down.compareTo(suspect) <= 0) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--down-after " + downAfter
                    + " must be longer than --suspect-after " + suspectAfter);
        }
        return new NodeLiveness(suspect, down);
    }

    private Duration duration(String option, String text) {
        try {
            return io.wolfpack.core.spec.TimeSpan.parse(text).toDuration();
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), option + " '" + text + "' is not "
                    + io.wolfpack.core.spec.TimeSpan.ALLOWED);
        }
    }

    @Override
    public Integer call() throws Exception {
        NodeLiveness liveness = liveness();
        io.wolfpack.server.images.ImagesConfig images = images();
        Lifecycle life = new Lifecycle();
        try {
            String zk = zookeeper;
            if (zk == null) zk = life.add(EmbeddedZooKeeper.start(dataDir.resolve("zookeeper"), "127.0.0.1", 0)).connectString();
            String token = TokenFile.loadOrCreate(dataDir);
            String joinToken = TokenFile.loadOrCreate(dataDir, TokenFile.JOIN_NAME);
            WolfpackServer server = life.add(new WolfpackServer(new ServerConfig(listen.host(), listen.port(), dataDir, zk, token, joinToken,
                    portRange, liveness, Duration.ofSeconds(10)), new io.micrometer.prometheusmetrics.PrometheusMeterRegistry(
                    io.micrometer.prometheusmetrics.PrometheusConfig.DEFAULT), images));
            server.start();
            System.out.println("wolfpack server: API on " + server.url() + ", token in " + dataDir.resolve("token").toAbsolutePath());
        } catch (Exception | Error e) {
            life.closeAll();
            throw e;
        }
        return life.runUntilStopped();
    }
}
