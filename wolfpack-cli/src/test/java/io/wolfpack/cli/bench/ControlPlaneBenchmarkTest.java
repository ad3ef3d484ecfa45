package io.wolfpack.cli.bench;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The benchmark at a tiny scale, end to end (embedded ZooKeeper, real server, the simulator in
 * its own JVM): every instance gets placed and reported running in each of two measured rounds
 * (the services removed in between), every fleet node registers, and the summary says so. No
 * timing is asserted.
 */
class ControlPlaneBenchmarkTest {
    @Test
    void placesAndReportsEveryInstanceAndHoldsTheFleet() throws Exception {
        BenchOptions o = new BenchOptions(3, 2, 5, 20, 3, 4, Duration.ofSeconds(1), 2, Duration.ofMinutes(2), false, 2, true, 2, 1);
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8);

        ControlPlaneBenchmark.Result r = ControlPlaneBenchmark.run(o, out);
        ControlPlaneBenchmark.printSummary(r, out);

        assertThat(r.rounds()).hasSize(2);
        DeployPhase.Result d = r.deploy();
        assertThat(d.expected()).isEqualTo(6);
        assertThat(d.apiErrors()).as("deploy errors: %s", d.firstApiError()).isZero();
        assertThat(d.placed()).isEqualTo(6);
        assertThat(d.running()).isEqualTo(6);
        assertThat(d.placedSeconds()).isNotNegative();
        assertThat(d.runningSeconds()).isNotNegative();
        assertThat(d.znodeChanges()).containsEntry("instance", 6L).containsEntry("service", 3L);
        assertThat(d.zkWrites()).isPositive();
        assertThat(r.deployFleet().count("registered")).isEqualTo(5);
        for (DeployPhase.Result round : r.rounds()) {
            assertThat(round.placed()).as("placed in every round").isEqualTo(6);
            assertThat(round.running()).isEqualTo(6);
        }

        assertThat(r.fleet()).isNotEmpty();
        FleetPhase.Attempt a = r.fleet().get(0);
        assertThat(a.ready()).isEqualTo(20);
        assertThat(a.fleet().count("registered")).isEqualTo(20);
        assertThat(a.fleet().count("reports")).isPositive();
        assertThat(a.fleet().count("running")).as("instances the fleet reports running").isEqualTo(6);
        assertThat(buf.toString(StandardCharsets.UTF_8)).contains("target met: ");
    }

    @Test
    void verdictNamesEveryReasonTheServerFellBehind() {
        SimulatorProcess.Summary s = SimulatorProcess.Summary.parse(
                "SUMMARY nodes=100 reports=500 reportsPerSec=50.0 p99Ms=1500 errors=2 skipped=40 seconds=10");
        String v = FleetPhase.verdict(s, Duration.ofSeconds(1), 100);
        assertThat(v).startsWith("did not keep up").contains("2 heartbeats failed").contains("40 heartbeats came due")
                .contains("50 reports/s of 100 expected").contains("p99 1500 ms");
        SimulatorProcess.Summary ok = SimulatorProcess.Summary.parse(
                "SUMMARY nodes=100 reports=1000 reportsPerSec=100.0 p99Ms=20 errors=0 skipped=0 seconds=10");
        assertThat(FleetPhase.verdict(ok, Duration.ofSeconds(1), 100)).startsWith("kept up");
    }

    @Test
    void theMedianRoundDecidesAndARoundThatNeverPlacedAllCountsAsSlowest() {
        BenchOptions o = BenchOptions.parse(new String[0]);
        var r = new ControlPlaneBenchmark.Result(o, java.util.List.of(round(11.0), round(-1), round(9.5)), null, java.util.List.of());
        assertThat(r.deploy().placedSeconds()).isEqualTo(11.0);
        assertThat(r.targetMet()).isFalse();
        var met = new ControlPlaneBenchmark.Result(o, java.util.List.of(round(12.0), round(9.9), round(9.5)), null, java.util.List.of());
        assertThat(met.deploy().placedSeconds()).isEqualTo(9.9);
        assertThat(met.targetMet()).isTrue();
    }

    /** A round that placed all 10 after {@code seconds} (-1: never). */
    private static DeployPhase.Result round(double seconds) {
        return new DeployPhase.Result(10, seconds < 0 ? 7 : 10, 10, seconds, seconds, seconds, null, 0, null, 0, 0,
                java.util.Map.of(), 0, 0, 0, 0, null);
    }

    @Test
    void helpExplainsEveryOption() {
        String known = org.assertj.core.api.Assertions.catchThrowable(() -> BenchOptions.parse(new String[]{"--nonsense"}))
                .getMessage().replaceAll(".*known: ", "");
        for (String option : known.split(",\\s*")) {
            assertThat(BenchOptions.USAGE).as("--help mentions %s", option).contains("  " + option + " ");
        }
    }

    @Test
    void latencyPercentilesAreExact() {
        long[] micros = new long[100];
        for (int i = 0; i < 100; i++) micros[i] = (i + 1) * 1000L;
        Latencies.Summary s = Latencies.summarise(micros);
        assertThat(s.p50()).isEqualTo(50.0);
        assertThat(s.p99()).isEqualTo(99.0);
        assertThat(s.max()).isEqualTo(100.0);
    }
}
