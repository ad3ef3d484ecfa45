package io.wolfpack.router.bench;

import io.wolfpack.core.route.Endpoint;
import io.wolfpack.core.route.Route;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RouterBenchmarkTest {
    @Test
    void runsAlternateStrictlySoNoProxyIdlesPastItsUpstreamTimeout() {
        // every round the same order: ...router, nginx | router, nginx...: never one proxy twice in a row
        assertThat(RouterBenchmark.order()).containsExactly(Proxy.ROUTER, Proxy.NGINX);
    }

    @Test
    void routerGetsOneStaticBackendOfTheThreeNginxPorts() {
        Route r = RouterBenchmark.table(List.of(9001, 9002, 9003)).routes().get(0);
        assertThat(r.host()).isEqualTo(NginxConfig.HOST);
        assertThat(r.path()).isEqualTo("/");
        assertThat(r.backends()).hasSize(1);
        assertThat(r.backends().get(0).endpoints()).extracting(Endpoint::port).containsExactly(9001, 9002, 9003);
        assertThat(r.backends().get(0).endpoints()).allMatch(e -> e.instance() == null && e.host().equals("127.0.0.1"));
    }

    @Test
    void freePortsAreDistinct() throws Exception {
        assertThat(RouterBenchmark.freePorts(4)).doesNotHaveDuplicates().allMatch(p -> p > 0 && p < 65536);
    }

    @Test
    void optionsDefaultToTheIssuesSetupAndNameWhatIsWrong() {
        BenchOptions d = BenchOptions.parse(new String[0]);
        assertThat(d.connections()).containsExactly(32, 256);
        assertThat(d.threads()).isEqualTo(2);
        assertThat(d.duration()).isEqualTo(Duration.ofSeconds(15));
        assertThat(d.firstWarmup()).isEqualTo(Duration.ofSeconds(30));

        BenchOptions o = BenchOptions.parse(new String[]{"--duration=5s", "--connections", "8,64", "--rounds", "3"});
        assertThat(o.duration()).isEqualTo(Duration.ofSeconds(5));
        assertThat(o.connections()).containsExactly(8, 64);
        assertThat(o.rounds()).isEqualTo(3);
        assertThat(o.nginxWorkerSetting()).isEqualTo("auto");
        assertThat(BenchOptions.parse(new String[]{"--first-warmup", "0s"}).firstWarmup()).isZero();
        for (String option : BenchOptions.KNOWN) assertThat(BenchOptions.USAGE).contains("--" + option + " ");

        assertThatThrownBy(() -> BenchOptions.parse(new String[]{"--conections", "8"})).hasMessageContaining("unknown option --conections");
        assertThatThrownBy(() -> BenchOptions.parse(new String[]{"--duration", "fast"})).hasMessageContaining("--duration 'fast'");
        assertThatThrownBy(() -> BenchOptions.parse(new String[]{"--connections", "1", "--threads", "2"}))
                .hasMessageContaining("--connections 1 is out of range");
        assertThatThrownBy(() -> BenchOptions.parse(new String[]{"--rounds"})).hasMessageContaining("--rounds needs a value");
    }
}
