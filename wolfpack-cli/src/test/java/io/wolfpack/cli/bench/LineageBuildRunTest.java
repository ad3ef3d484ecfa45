package io.wolfpack.cli.bench;

import io.wolfpack.core.image.ImageBuild;
import io.wolfpack.core.image.ImageNode;
import io.wolfpack.core.image.LineageGraph;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The scheduler of the benchmark's builds, with jobs that only record what they saw. */
class LineageBuildRunTest {
    static final LineageGraph GRAPH = LineageGraph.of(List.of(
            ImageNode.onExternal("base", "scratch"),
            ImageNode.onImage("r1", "base"), ImageNode.onImage("r2", "base"),
            ImageNode.onImage("a1", "r1"), ImageNode.onImage("a2", "r1"), ImageNode.onImage("a3", "r2", "r1"),
            ImageNode.onImage("a4", "r2")));

    static ImageBuild build(String name) {
        return new ImageBuild(name, "latest", "sha256:" + name, "scratch", null, List.of(), "repo", "c1", name + "/Dockerfile",
                null, ImageBuild.BUILD, "");
    }

    @Test
    void everyImageStartsAfterWhatItBuildsOnAndNoMoreThanTheLimitRunAtOnce() throws Exception {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        Set<String> violations = ConcurrentHashMap.newKeySet();
        CountDownLatch bothRuntimes = new CountDownLatch(2);
        AtomicBoolean overlapped = new AtomicBoolean();

        LineageBuildRun.Result r = LineageBuildRun.run(GRAPH, GRAPH.names(), Map.of(), 2, (name, done) -> {
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            GRAPH.dependencies(name).stream().filter(d -> !done.containsKey(d)).forEach(d -> violations.add(name + " before " + d));
            try {
                if (name.startsWith("r")) {
                    // r1 and r2 are independent: each waits for the other to have started
                    bothRuntimes.countDown();
                    if (bothRuntimes.await(5, TimeUnit.SECONDS)) overlapped.set(true);
                } else {
                    TimeUnit.MILLISECONDS.sleep(5);
                }
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            running.decrementAndGet();
            return build(name);
        });

        assertThat(violations).isEmpty();
        assertThat(overlapped).isTrue();
        assertThat(most.get()).isEqualTo(2);
        assertThat(r.builds().keySet()).containsExactly("base", "r1", "r2", "a1", "a2", "a3", "a4");
        assertThat(r.micros()).containsOnlyKeys(r.builds().keySet());
    }

    @Test
    void imagesOutsideTheSetComeFromTheGivenBuilds() throws Exception {
        ImageBuild newBase = build("base");
        LineageBuildRun.Result r = LineageBuildRun.run(GRAPH, GRAPH.descendants("base"), Map.of("base", newBase), 1, (name, done) -> {
            assertThat(done.get("base")).isSameAs(newBase);
            return build(name);
        });

        assertThat(r.builds()).doesNotContainKey("base").hasSize(6);
    }

    @Test
    void aFailedJobStopsTheRunWithItsError() {
        assertThatThrownBy(() -> LineageBuildRun.run(GRAPH, GRAPH.names(), Map.of(), 2, (name, done) -> {
            if (name.equals("r2")) throw new IllegalStateException("image r2: build failed");
            return build(name);
        })).isInstanceOf(IllegalStateException.class).hasMessage("image r2: build failed");
    }
}
