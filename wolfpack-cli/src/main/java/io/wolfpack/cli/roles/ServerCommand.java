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

    @Override
    public Integer call() throws Exception {
        Lifecycle life = new Lifecycle();
        try {
            String zk = zookeeper;
            if (zk == null) zk = life.add(EmbeddedZooKeeper.start(dataDir.resolve("zookeeper"), "127.0.0.1", 0)).connectString();
            String token = TokenFile.loadOrCreate(dataDir);
            String joinToken = TokenFile.loadOrCreate(dataDir, TokenFile.JOIN_NAME);
            WolfpackServer server = life.add(new WolfpackServer(new ServerConfig(listen.host(), listen.port(), dataDir, zk, token, joinToken,
                    portRange, NodeLiveness.DEFAULT, Duration.ofSeconds(10))));
            server.start();
            System.out.println("wolfpack server: API on " + server.url() + ", token in " + dataDir.resolve("token").toAbsolutePath());
        } catch (Exception | Error e) {
            life.closeAll();
            throw e;
        }
        return life.runUntilStopped();
    }
}
