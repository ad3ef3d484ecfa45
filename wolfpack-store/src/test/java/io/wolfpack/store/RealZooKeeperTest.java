package io.wolfpack.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** A real embedded ZooKeeper and a started {@link ClusterStore} on it for each test, both closed after it. */
abstract class RealZooKeeperTest {
    @TempDir
    Path dir;
    EmbeddedZooKeeper zk;
    ClusterStore store;

    @BeforeEach
    void startStore() throws Exception {
        zk = EmbeddedZooKeeper.start(dir, "127.0.0.1", 0);
        store = new ClusterStore(zk.connectString());
        store.start(Duration.ofSeconds(30));
    }

    @AfterEach
    void stopStore() {
        if (store != null) store.close();
        if (zk != null) zk.close();
    }

    /** Waits (at most 10 s, else fails) until the condition holds, e.g. until the mirror shows a write. */
    static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within 10 s").isLessThan(deadline);
            Thread.sleep(10);
        }
    }
}
