package io.wolfpack.core.spec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static io.wolfpack.core.spec.SpecAssertions.BASE;
import static io.wolfpack.core.spec.SpecAssertions.errors;
import static io.wolfpack.core.spec.SpecAssertions.onlyError;
import static io.wolfpack.core.spec.SpecAssertions.paths;
import static io.wolfpack.core.spec.SpecAssertions.yaml;
import static org.assertj.core.api.Assertions.assertThat;

class PlacementUpdateRulesTest {

    @Test
    void placementValuesAndCanonicalConstraints() {
        PlacementSpec p = yaml(BASE + "placement: {spread: [zone, topology.io/rack], constraints: ['zone!=c', ' disk ==ssd '], binpack: true}\n")
                .placement();
        assertThat(p).isEqualTo(new PlacementSpec(List.of("zone", "topology.io/rack"), List.of("zone != c", "disk == ssd"), true));
    }

    @Test
    void anEmptySpreadListMeansNoSpreading() {
        assertThat(yaml(BASE + "placement: {spread: []}\n").placement().spread()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            {spread: node}                     | placement.spread         | must be a list
            {spread: [Zone]}                   | placement.spread[0]      | must be "node" or a node label
            {spread: [node, node]}             | placement.spread[1]      | listed twice
            {spread: [1]}                      | placement.spread[0]      | must be text
            {constraints: ['zone = c']}        | placement.constraints[0] | must be 'label == value' or 'label != value'
            {constraints: ['zone']}            | placement.constraints[0] | e.g. 'zone != c'
            {constraints: ['zone == a b']}     | placement.constraints[0] | 'label == value'
            {constraints: 'zone == a'}         | placement.constraints    | must be a list
            {binpack: yes please}              | placement.binpack        | must be true or false
            {binpack: 1}                       | placement.binpack        | must be true or false
            """)
    void badPlacement(String placement, String path, String problem) {
        onlyError(BASE + "placement: " + placement + "\n", path, problem);
    }

    @Test
    void updateValues() {
        assertThat(yaml(BASE + "update: {maxSurge: 0, maxUnavailable: 2}\n").update()).isEqualTo(new UpdateSpec(0, 2, null));
        assertThat(yaml(BASE + "update: {maxSurge: 100, canary: {weight: 99, hold: 5m}}\n").update())
                .isEqualTo(new UpdateSpec(100, 0, new UpdateSpec.Canary(99, TimeSpan.ofMillis(300_000))));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            {maxSurge: 0}                          | update                | both 0
            {maxSurge: 0, maxUnavailable: 0}       | update                | both 0
            {maxSurge: 101}                        | update.maxSurge       | between 0 and 100
            {maxUnavailable: -1}                   | update.maxUnavailable | between 0 and 100
            {maxSurge: '1'}                        | update.maxSurge       | without quotes
            {canary: {weight: 0}}                  | update.canary.weight  | between 1 and 99
            {canary: {weight: 100}}                | update.canary.weight  | between 1 and 99
            {canary: {hold: 1m}}                   | update.canary.weight  | required
            {canary: {weight: 10, hold: 60}}       | update.canary.hold    | needs a unit
            {canary: {weight: 10, hold: 0s}}       | update.canary.hold    | more than 0s
            {canary: 33}                           | update.canary         | must be a mapping with the fields weight, hold
            """)
    void badUpdate(String update, String path, String problem) {
        onlyError(BASE + "update: " + update + "\n", path, problem);
    }

    @Test
    void everyBadPlacementAndUpdateFieldIsReported() {
        var errors = errors(BASE + "placement: {spread: [X], constraints: [bad]}\nupdate: {maxSurge: -1, canary: {weight: 0}}\n");
        paths(errors).containsExactly("placement.spread[0]", "placement.constraints[0]", "update.maxSurge", "update.canary.weight");
    }
}
