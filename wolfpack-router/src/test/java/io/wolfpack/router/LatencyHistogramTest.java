package io.wolfpack.router;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class LatencyHistogramTest {

    @Test
    void aValueGoesInTheFirstBucketWhoseBoundIsAtLeastIt() {
        assertThat(LatencyHistogram.bucketOf(0)).isZero();
        assertThat(LatencyHistogram.bucketOf(100_000)).isZero(); // exactly 100 µs: "le" includes the bound
        assertThat(LatencyHistogram.bucketOf(100_001)).isEqualTo(1);
        assertThat(LatencyHistogram.UPPER_BOUNDS_SECONDS[LatencyHistogram.bucketOf(700_000)]).isEqualTo(0.001);
        assertThat(LatencyHistogram.UPPER_BOUNDS_SECONDS[LatencyHistogram.bucketOf(60_000_000_000L)]).isEqualTo(60.0);
        assertThat(LatencyHistogram.UPPER_BOUNDS_SECONDS[LatencyHistogram.bucketOf(61_000_000_000L)])
                .isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(LatencyHistogram.UPPER_BOUNDS_SECONDS[LatencyHistogram.bucketOf(Long.MAX_VALUE)])
                .isEqualTo(Double.POSITIVE_INFINITY);
    }

    @Test
    void boundsRiseAndEndInInfinity() {
        double[] b = LatencyHistogram.UPPER_BOUNDS_SECONDS;
        for (int i = 1; i < b.length; i++) assertThat(b[i]).isGreaterThan(b[i - 1]);
        assertThat(b[b.length - 1]).isEqualTo(Double.POSITIVE_INFINITY);
    }

    @Test
    void snapshotCountsEachBucketAndSumsTheTime() {
        LatencyHistogram h = new LatencyHistogram();
        h.record(50_000);      // 50 µs
        h.record(400_000);     // 0.4 ms
        h.record(450_000);     // 0.45 ms
        h.record(2_000_000_000L); // 2 s

        LatencyHistogram.Snapshot s = h.snapshot();
        assertThat(Arrays.stream(s.counts()).sum()).isEqualTo(4);
        assertThat(s.counts()[0]).isEqualTo(1);
        assertThat(s.counts()[LatencyHistogram.bucketOf(400_000)]).isEqualTo(2);
        assertThat(s.counts()[LatencyHistogram.bucketOf(2_000_000_000L)]).isEqualTo(1);
        assertThat(s.sumSeconds()).isCloseTo(2.0009, org.assertj.core.data.Offset.offset(1e-9));
    }
}
