package io.wolfpack.store;

import io.wolfpack.core.model.NodeInfo;
import io.wolfpack.core.spec.ByteSize;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Waiting for the mirror without a thread: completes when the change shows, or says it timed out. Real ZooKeeper. */
class MirrorWhenTest extends RealZooKeeperTest {
    private static NodeInfo node(String name) {
        return new NodeInfo(name, "127.0.0.1", 4, ByteSize.parse("8Gi"), Map.of(), "test", "test", null);
    }

    @Test
    void completesOnceTheMirrorShowsTheWrite() throws Exception {
        ClusterMirror mirror = store.mirror();
        CompletableFuture<Boolean> shown = mirror.when(() -> mirror.node("n1") != null, Duration.ofSeconds(20));
        assertThat(shown).isNotDone();

        store.putNode(node("n1"));

        assertThat(shown.get(20, TimeUnit.SECONDS)).isTrue();
        assertThat(mirror.node("n1")).isNotNull();
    }

    @Test
    void answersAtOnceWhenItHoldsAlreadyAndFalseOnTimeout() throws Exception {
        ClusterMirror mirror = store.mirror();
        assertThat(mirror.when(() -> true, Duration.ofSeconds(1))).isCompletedWithValue(true);

        CompletableFuture<Boolean> never = mirror.when(() -> mirror.node("absent") != null, Duration.ofMillis(200));

        assertThat(never.get(10, TimeUnit.SECONDS)).isFalse();
        // A later change finds no waiter left to test.
        store.putNode(node("n2"));
        assertThat(never.get()).isFalse();
    }
}
