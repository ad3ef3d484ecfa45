package io.wolfpack.cli.bench;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The drill's numbers from a recorded timeline made by hand: h2 fails at t = 10 s, is restored at t = 30 s. */
class DrillResultTest {
    static final long S = 1_000_000_000L;
    static final long T0 = 10 * S;
    static final long RESTORE = 30 * S;

    static DrillRequest ok(double at, String instance) {
        long start = (long) (at * S);
        return new DrillRequest(start, start + S / 100, 200, instance, null);
    }

    static DrillRequest failed(double at, String error) {
        long start = (long) (at * S);
        return new DrillRequest(start, start + 2 * S, 0, null, error);
    }

    static DrillServerWatch.ServiceSample service(double at, String... placed) {
        List<DrillServerWatch.Placed> list = new ArrayList<>();
        for (String p : placed) {
            String[] f = p.split("@");
            list.add(new DrillServerWatch.Placed(f[0], f[1].replace("!", ""), !f[1].endsWith("!")));
        }
        return new DrillServerWatch.ServiceSample((long) (at * S), list);
    }

    static DrillRecord record(List<DrillRecord.AttemptView> views, long converged, Map<String, Integer> containers) {
        List<DrillRequest> requests = List.of(
                ok(9.0, "a"), ok(9.5, "d"), failed(9.8, "no response within the request timeout"),
                ok(10.1, "d"), ok(10.2, "a"),
                failed(10.3, "502 connect-failed: route x: upstream 10.213.0.12:20001 could not be reached"),
                failed(10.4, "502 connect-failed: route x: upstream 10.213.0.12:20002 could not be reached"),
                ok(10.5, "e"), ok(12.0, "a"),
                failed(31.0, "no response within the request timeout"), ok(32.0, "f"));
        Map<String, String> nodes = Map.of("a", "h1", "b", "h3", "d", "h2", "e", "h2", "f", "h3", "g", "h1");
        List<DrillServerWatch.RouteSample> routes = List.of(
                new DrillServerWatch.RouteSample(5 * S, 1, List.of("10.213.0.11", "10.213.0.12", "10.213.0.13")),
                new DrillServerWatch.RouteSample(13 * S + S / 2, 2, List.of("10.213.0.11", "10.213.0.13")),
                new DrillServerWatch.RouteSample(14 * S, 3, List.of("10.213.0.12")),
                new DrillServerWatch.RouteSample(15 * S, 4, List.of("10.213.0.11")),
                new DrillServerWatch.RouteSample(31 * S, 5, List.of("10.213.0.12")));
        List<DrillServerWatch.ServiceSample> services = List.of(
                service(9.9, "a@h1", "b@h3", "d@h2", "e@h2"),
                service(12.0, "a@h1", "b@h3", "d@h2", "e@h2", "f@h3!", "g@h1!"),
                service(18.0, "a@h1", "b@h3", "d@h2", "f@h3", "g@h1!"),
                service(21.25, "a@h1", "b@h3", "f@h3", "g@h1"));
        return new DrillRecord("kill", "h2", "10.213.0.12", 4, T0, Instant.parse("2026-01-01T00:00:10Z"), T0 + S / 2, RESTORE,
                requests, nodes, views, routes, services, converged, containers,
                List.of(new DrillRecord.ServerEvent("node.suspect", "h3", Instant.parse("2026-01-01T00:00:08Z"), "no heartbeat for 2s"),
                        new DrillRecord.ServerEvent("node.suspect", "h2", Instant.parse("2026-01-01T00:00:13.100Z"), "no heartbeat for 2s"),
                        new DrillRecord.ServerEvent("instance.placed", null, Instant.parse("2026-01-01T00:00:13.200Z"), "placed 2"),
                        new DrillRecord.ServerEvent("instance.backoff", "h1", Instant.parse("2026-01-01T00:00:14Z"), "start failed: port is already allocated"),
                        new DrillRecord.ServerEvent("instance.backoff", "h3", Instant.parse("2026-01-01T00:00:15Z"), "start failed: again"),
                        new DrillRecord.ServerEvent("node.down", "h2", Instant.parse("2026-01-01T00:00:20Z"), "no heartbeat for 10s")));
    }

    static List<DrillRecord.AttemptView> views() {
        return List.of(
                new DrillRecord.AttemptView("conntrack", null, List.of(9 * S, 10 * S + S / 5, 11 * S + S / 4), "12 in the warm-up"),
                // a rise after the restore (host back) is not an attempt at a failed host
                new DrillRecord.AttemptView("syns", null, List.of(12 * S + S / 2, 13 * S + 700_000_000L, 31 * S), ""),
                new DrillRecord.AttemptView("metrics", "not exposed", List.of(), ""));
    }

    @Test
    void countsRequestsPerWindowAndListsFailuresWithTheirReason() {
        DrillResult r = DrillResult.of(record(views(), 0, Map.of()));
        assertThat(r.warmup().sent()).isEqualTo(3);
        assertThat(r.warmup().failed()).isEqualTo(1);
        assertThat(r.during().sent()).isEqualTo(6);
        assertThat(r.during().failed()).isEqualTo(2);
        assertThat(r.restore().sent()).isEqualTo(2);
        assertThat(r.restore().failed()).isEqualTo(1);
        assertThat(r.failedAfterFault()).isEqualTo(3);
        assertThat(r.failedMet()).isFalse();
        // The warm-up failure is counted in its window only, not against the target nor among the reasons.
        assertThat(r.failureReasons()).containsOnly(Map.entry("502 connect-failed", 2), Map.entry("no response within the request timeout", 1));
        assertThat(r.firstFailures()).hasSize(3);
        assertThat(r.firstFailures().get(0)).startsWith("+0.300s  502 connect-failed: route x: upstream 10.213.0.12:20001").endsWith("(after 2000 ms)");
        assertThat(r.firstFailures().get(2)).startsWith("+21.000s  no response within the request timeout");
    }

    @Test
    void theLastResponseFromTheFailedHostIsTheLastOneAnInstanceThereServedAfterTheFault() {
        DrillResult r = DrillResult.of(record(views(), 0, Map.of()));
        assertThat(r.servedByDeadAfterFault()).isEqualTo(2);
        assertThat(r.lastServedByDead()).isCloseTo(0.51, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void theLastAttemptIsTheLatestSightingOfAnyWorkingViewBetweenFaultAndRestore() {
        DrillResult r = DrillResult.of(record(views(), 0, Map.of()));
        assertThat(r.attempts()).extracting(DrillResult.Attempts::seenAt)
                .containsExactly(List.of(0.2, 1.25), List.of(2.5, 3.7), List.of());
        assertThat(r.lastAttempt()).isCloseTo(3.7, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(r.attemptsMet()).isFalse();

        List<DrillRecord.AttemptView> early = List.of(
                new DrillRecord.AttemptView("conntrack", null, List.of(10 * S + S / 2), ""),
                new DrillRecord.AttemptView("syns", "no namespace", List.of(20 * S), ""));
        DrillResult quick = DrillResult.of(record(early, 0, Map.of()));
        assertThat(quick.lastAttempt()).isEqualTo(0.5);
        assertThat(quick.attemptsMet()).isTrue();

        List<DrillRecord.AttemptView> quiet = List.of(new DrillRecord.AttemptView("conntrack", null, List.of(5 * S), ""));
        assertThat(DrillResult.of(record(quiet, 0, Map.of())).lastAttempt()).as("a working view that saw nothing").isEqualTo(0.0);

        List<DrillRecord.AttemptView> blind = List.of(new DrillRecord.AttemptView("conntrack", "unreadable", List.of(), ""));
        DrillResult unknown = DrillResult.of(record(blind, 0, Map.of()));
        assertThat(unknown.lastAttempt()).isNull();
        assertThat(unknown.attemptsMet()).isFalse();
    }

    @Test
    void routeTableDropAndRelistingAreSeenFromTheLongPolledTables() {
        DrillResult r = DrillResult.of(record(views(), 0, Map.of()));
        assertThat(r.routeDropped()).isEqualTo(3.5);
        assertThat(r.routeRelisted()).as("the table at +4 s listed h2 again; the one after the restore does not count").isEqualTo(4.0);
    }

    @Test
    void replacementsCountOnlyRoutableInstancesOnOtherHosts() {
        DrillResult r = DrillResult.of(record(views(), 0, Map.of()));
        // At +8 s only 3 of 4 are routable elsewhere (g is not yet); at +11.25 s all 4 are.
        assertThat(r.replacementsHealthy()).isEqualTo(11.25);
        assertThat(r.replacementsMet()).isFalse();
    }

    @Test
    void restoreConvergenceAndDuplicates() {
        DrillResult done = DrillResult.of(record(views(), 36 * S, Map.of("h1", 2, "h2", 0, "h3", 2)));
        assertThat(done.converged()).isEqualTo(6.0);
        assertThat(done.noDuplicates()).isTrue();
        DrillResult dup = DrillResult.of(record(views(), 0, Map.of("h1", 2, "h2", 2, "h3", 2)));
        assertThat(dup.converged()).isNull();
        assertThat(dup.noDuplicates()).isFalse();
    }

    @Test
    void serverEventsArePlacedRelativeToTheFaultAndTroubleIsCounted() {
        DrillResult r = DrillResult.of(record(views(), 0, Map.of()));
        assertThat(r.nodeEvents()).containsExactly("h3 node.suspect -2.0s", "h2 node.suspect +3.1s", "h2 node.down +10.0s");
        assertThat(r.troubles()).containsExactly("instance.backoff ×2, first +4.0s on h1: start failed: port is already allocated");
    }

    @Test
    void risesAreTheSamplesWhereACounterGrew() {
        List<DrillHostSyns.Sample> s = List.of(new DrillHostSyns.Sample(1, 5), new DrillHostSyns.Sample(2, 5),
                new DrillHostSyns.Sample(3, 7), new DrillHostSyns.Sample(4, 7), new DrillHostSyns.Sample(5, 8));
        assertThat(DrillResult.rises(s, DrillHostSyns.Sample::atNanos, DrillHostSyns.Sample::syns)).containsExactly(3L, 5L);
        assertThat(DrillResult.rises(List.of(), DrillHostSyns.Sample::atNanos, DrillHostSyns.Sample::syns)).isEmpty();
    }

    @Test
    void theReportStatesEachNumberWithItsTargetAndVerdict() {
        DrillResult r = DrillResult.of(record(views(), 36 * S, Map.of("h1", 2, "h2", 0, "h3", 2)));
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8);
        DrillReport.print(r, "scripts/testbed kill-host 2", "scripts/testbed start-host 2", out);
        DrillReport.printTable(List.of(r), out);
        String text = buf.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("requests failed after the fault   3").contains("met: no")
                .contains("last attempt at the dead host     3.70 s")
                .contains("replacements healthy elsewhere    11.25 s")
                .contains("metrics").contains("not seen: not exposed")
                .contains("seen at +2.50 +3.70")
                .contains("listed them AGAIN until +4.00 s")
                .contains("converged to exactly 4 after 6.0 s");
    }
}
