package io.wolfpack.cli.bench;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the drill reads from the kernel, the router and its command line. */
class DrillParsersTest {
    @Test
    void conntrackLinesGiveTheOriginalDirection() {
        DrillConntrack.Flow f = DrillConntrack.parse("ipv4     2 tcp      6 117 SYN_SENT src=10.213.0.1 dst=10.213.0.12 sport=41234 "
                + "dport=25425 [UNREPLIED] src=10.213.0.12 dst=10.213.0.1 sport=25425 dport=41234 mark=0 zone=0 use=2");
        assertThat(f).isEqualTo(new DrillConntrack.Flow("10.213.0.1", "10.213.0.12", 41234, 25425));
        assertThat(f.endpoint()).isEqualTo("10.213.0.12:25425");
        assertThat(DrillConntrack.parse("ipv4     2 udp      17 29 src=10.0.0.1 dst=10.0.0.2 sport=5353 dport=5353")).isNull();
        assertThat(DrillConntrack.parse("ipv4 2 tcp 6 10 CLOSE src=10.0.0.1 dst=10.0.0.2 sport=x dport=1")).isNull();
        assertThat(DrillConntrack.parse("")).isNull();
    }

    @Test
    void prometheusCountersAreSummedForTheRoute() {
        String text = """
                # HELP wolfpack_router_upstream_errors_total failed attempts
                # TYPE wolfpack_router_upstream_errors_total counter
                wolfpack_router_upstream_errors_total{reason="refused",route="drill-kill",} 3.0
                wolfpack_router_upstream_errors_total{reason="connect-timeout",route="drill-kill",} 2.0
                wolfpack_router_upstream_errors_total{reason="refused",route="other",} 40.0
                wolfpack_router_upstream_errors_total_extra{route="drill-kill",} 99.0
                wolfpack_router_retries_total{route="drill-kill"} 4
                """;
        assertThat(DrillRouterMetrics.sum(text, DrillRouterMetrics.UPSTREAM_ERRORS, "drill-kill")).isEqualTo(5.0);
        assertThat(DrillRouterMetrics.sum(text, DrillRouterMetrics.UPSTREAM_ERRORS, null)).isEqualTo(45.0);
        assertThat(DrillRouterMetrics.sum(text, DrillRouterMetrics.RETRIES, "drill-kill")).isEqualTo(4.0);
        assertThat(DrillRouterMetrics.sum(text, DrillRouterMetrics.EJECTIONS, "drill-kill")).isZero();
    }

    @Test
    void theHostsSynCountIsReadFromItsLoop() {
        assertThat(DrillHostSyns.parse("syns 12")).isEqualTo(12L);
        assertThat(DrillHostSyns.parse("syns 0")).isZero();
        assertThat(DrillHostSyns.parse("iptables: No chain/target/match by that name.")).isNull();
        assertThat(DrillHostSyns.parse("syns x")).isNull();
    }

    @Test
    void clientFailuresAreNamedPlainly() {
        assertThat(DrillLoad.describe(new java.util.concurrent.CompletionException(new java.net.http.HttpTimeoutException("request timed out"))))
                .isEqualTo("no response within the request timeout");
        assertThat(DrillLoad.describe(new java.net.http.HttpConnectTimeoutException("slow"))).isEqualTo("connecting to the router timed out");
        assertThat(DrillLoad.describe(new java.net.ConnectException("Connection refused"))).startsWith("cannot connect to the router");
        assertThat(DrillLoad.describe(new java.io.IOException("reset"))).isEqualTo("I/O error: java.io.IOException: reset");
    }

    @Test
    void optionsHaveTheTestbedsDefaultsAndRefuseBadValuesByName() {
        DrillOptions d = DrillOptions.parse(new String[0]);
        assertThat(d.faults()).containsExactly("kill", "cut");
        assertThat(d.host()).isEqualTo(2);
        assertThat(d.replicas()).isEqualTo(6);
        assertThat(d.server()).isEqualTo("http://10.213.0.1:7700");
        assertThat(d.router()).isEqualTo("http://127.0.0.1:7780");
        assertThat(d.tokenFile().toString()).isEqualTo("/tmp/wolfpack-testbed/server/token");
        assertThat(d.requestTimeout()).isEqualTo(Duration.ofSeconds(2));

        DrillOptions o = DrillOptions.parse(new String[]{"--fault", "cut", "--state", "/tmp/tb", "--threads", "2", "--rate", "50"});
        assertThat(o.faults()).isEqualTo(List.of("cut"));
        assertThat(o.tokenFile().toString()).isEqualTo("/tmp/tb/server/token");

        assertThatThrownBy(() -> DrillOptions.parse(new String[]{"--fault", "reboot"})).hasMessageContaining("--fault reboot: allowed kill, cut, both");
        assertThatThrownBy(() -> DrillOptions.parse(new String[]{"--replicas", "0"})).hasMessageContaining("--replicas 0");
        assertThatThrownBy(() -> DrillOptions.parse(new String[]{"--threads", "8", "--rate", "4"})).hasMessageContaining("--rate 4");
        assertThatThrownBy(() -> DrillOptions.parse(new String[]{"--hots", "2"})).hasMessageContaining("unknown option --hots");
        assertThatThrownBy(() -> DrillOptions.parse(new String[]{"--request-timeout", "2"})).hasMessageContaining("--request-timeout 2");
        assertThatThrownBy(() -> DrillOptions.parse(new String[]{"--request-timeout", "0s"})).hasMessageContaining("--request-timeout 0ms: must be above 0");
    }
}
