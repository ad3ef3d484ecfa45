package io.wolfpack.core.spec;

import io.wolfpack.core.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.wolfpack.core.spec.SpecAssertions.BASE;
import static io.wolfpack.core.spec.SpecAssertions.onlyError;
import static io.wolfpack.core.spec.SpecAssertions.yaml;
import static org.assertj.core.api.Assertions.assertThat;

class AutoscaleRulesTest {
    private static final String CPU_1 = "resources: {cpu: 1}\n";

    @Test
    void targetRpsScalesOnRequests() {
        AutoscaleSpec a = yaml(BASE + "autoscale: {min: 1, max: 5, targetRps: 50}\n").autoscale();
        assertThat(a).isEqualTo(new AutoscaleSpec(1, 5, 50, null, null));
        assertThat(a.scalesOnCpu()).isFalse();
        assertThat(a.target()).isEqualTo(50);
    }

    @Test
    void targetCpuTakesCoresOrMillicoresLikeResourcesCpu() {
        AutoscaleSpec cores = yaml(BASE + CPU_1 + "autoscale: {min: 1, max: 5, targetCpu: 0.5}\n").autoscale();
        AutoscaleSpec milli = yaml(BASE + CPU_1 + "autoscale: {min: 1, max: 5, targetCpu: 500m}\n").autoscale();
        assertThat(cores).isEqualTo(milli).isEqualTo(new AutoscaleSpec(1, 5, null, 0.5, null, null));
        assertThat(cores.scalesOnCpu()).isTrue();
        assertThat(cores.target()).isEqualTo(0.5);
    }

    @Test
    void aCpuTargetSurvivesJsonAndYamlAndAnOldStoredSpecStillReads() throws Exception {
        ServiceSpec s = yaml(BASE + CPU_1 + "autoscale: {min: 2, max: 6, targetCpu: 250m, scaleDownWindow: 1m}\n");
        assertThat(Json.text(s)).contains("\"targetCpu\":0.25").doesNotContain("targetRps", "scalesOnCpu", "\"target\"");
        assertThat(SpecParser.parse(Json.text(s), SpecParser.Format.JSON)).isEqualTo(s);
        assertThat(yaml(SpecWriter.yaml(s))).isEqualTo(s);
        // What ZooKeeper holds from before targetCpu existed.
        String old = "{\"min\":1,\"max\":4,\"targetRps\":10.0,\"scaleUpWindow\":\"15s\",\"scaleDownWindow\":\"5m\"}";
        assertThat(Json.MAPPER.readValue(old, AutoscaleSpec.class)).isEqualTo(new AutoscaleSpec(1, 4, 10, null, null));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            {min: 1, max: 3}                              | autoscale.targetRps | required: one target, targetRps
            {min: 1, max: 3, targetRps: 5, targetCpu: 0.5} | autoscale.targetCpu | give one target, not both
            {min: 1, max: 3, targetCpu: 0}                | autoscale.targetCpu | must be a number of cores more than 0
            {min: 1, max: 3, targetCpu: '0.5'}            | autoscale.targetCpu | write the number without quotes
            {min: 1, max: 3, targetCpu: half}             | autoscale.targetCpu | or millicores (e.g. 250m)
            {min: 1, max: 3, targetCpu: [1]}              | autoscale.targetCpu | not a list
            {min: 1, max: 3, targetCpu: 1}                | autoscale.targetCpu | must be less than resources.cpu (1), the most
            {min: 1, max: 3, targetRps: 0}                | autoscale.targetRps | more than 0
            {min: 3, max: 2, targetRps: 5}                | autoscale.max       | must be at least min (3)
            """)
    void badAutoscale(String autoscale, String path, String problem) {
        onlyError(BASE + CPU_1 + "autoscale: " + autoscale + "\n", path, problem);
    }

    @Test
    void aCpuTargetAtOrAboveTheDefaultLimitSaysSo() {
        onlyError(BASE + "autoscale: {min: 1, max: 3, targetCpu: 0.5}\n", "autoscale.targetCpu",
                "must be less than resources.cpu (0.1, the default), the most each instance can use");
    }
}
