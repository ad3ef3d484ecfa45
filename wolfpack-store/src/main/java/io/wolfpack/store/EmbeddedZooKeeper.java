package io.wolfpack.store;

import org.apache.zookeeper.server.ServerCnxnFactory;
import org.apache.zookeeper.server.ZooKeeperServer;
import org.apache.zookeeper.server.persistence.FileTxnSnapLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A real single ZooKeeper server inside this JVM, its snapshots and transaction log on disk under
 * {@code dataDir} (fsynced before a write is acknowledged, as in any ZooKeeper). Used by
 * {@code wolfpack dev} and a single {@code wolfpack server}; an ensemble is external.
 */
public final class EmbeddedZooKeeper implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedZooKeeper.class);
    private static final int TICK_MILLIS = 500;

    private final ZooKeeperServer server;
    private final ServerCnxnFactory factory;
    private final String connectString;

    private EmbeddedZooKeeper(ZooKeeperServer server, ServerCnxnFactory factory, String connectString) {
        this.server = server;
        this.factory = factory;
        this.connectString = connectString;
    }

    /** Starts on {@code host:port} (port 0 picks a free one); data in {@code dataDir}. */
    public static EmbeddedZooKeeper start(Path dataDir, String host, int port) throws IOException {
        // The admin HTTP server and four-letter words are not needed inside Wolfpack.
        System.setProperty("zookeeper.admin.enableServer", "false");
        System.setProperty("zookeeper.4lw.commands.whitelist", "ruok,srvr,stat,mntr");
        Path snaps = Files.createDirectories(dataDir.resolve("snapshots"));
        Path logs = Files.createDirectories(dataDir.resolve("txnlog"));
        ZooKeeperServer zks = new ZooKeeperServer(new FileTxnSnapLog(logs.toFile(), snaps.toFile()), TICK_MILLIS, "");
        // Sessions may last up to 30s so that a long GC or a restart of a client does not expire them.
        zks.setMaxSessionTimeout(30_000);
        ServerCnxnFactory f = ServerCnxnFactory.createFactory(new InetSocketAddress(host, port), 1000);
        try {
            f.startup(zks);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            f.shutdown();
            throw new IOException("interrupted while starting the embedded ZooKeeper", e);
        }
        String cs = host + ":" + f.getLocalPort();
        log.info("embedded ZooKeeper serving at {} with data in {}", cs, dataDir.toAbsolutePath());
        return new EmbeddedZooKeeper(zks, f, cs);
    }

    public String connectString() {
        return connectString;
    }

    @Override
    public void close() {
        factory.shutdown();
        server.shutdown();
    }
}
