package io.wolfpack.router.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JvmActivityTest {
    @Test
    void differenceOfTwoReadingsIsWhatHappenedBetween() {
        JvmActivity d = new JvmActivity(1_250, 7, 90).since(new JvmActivity(1_200, 5, 60));
        assertThat(d).isEqualTo(new JvmActivity(50, 2, 30));
        assertThat(d.describe()).isEqualTo("JIT 50 ms, 2 GCs 30 ms");
        assertThat(new JvmActivity(0, 1, 12).describe()).isEqualTo("JIT 0 ms, 1 GC 12 ms");
    }

    @Test
    void aJvmWithoutCompilationTimeSaysSo() {
        assertThat(new JvmActivity(-1, 0, 0).since(new JvmActivity(-1, 0, 0)).describe()).startsWith("JIT n/a");
    }

    @Test
    void thisJvmReportsItsCollections() {
        JvmActivity before = JvmActivity.now();
        System.gc(); // HotSpot collects on request unless told otherwise (-XX:+DisableExplicitGC)
        assertThat(JvmActivity.now().since(before).gcCount()).isPositive();
        assertThat(before.since(before)).isEqualTo(new JvmActivity(before.jitMillis() < 0 ? -1 : 0, 0, 0));
    }
}
