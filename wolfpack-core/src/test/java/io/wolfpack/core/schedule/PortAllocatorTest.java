package io.wolfpack.core.schedule;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PortAllocatorTest {

    @Test
    void skipsTakenPortsAndWrapsAround() {
        PortRange range = new PortRange(100, 104);
        // Everything but 100 and 104 is taken, so whatever the start both must come back.
        int[] ports = PortAllocator.allocate(range, p -> p >= 101 && p <= 103, "n1", "web", 0, 2);
        assertThat(ports).containsExactlyInAnyOrder(100, 104);
    }

    @Test
    void failsWithAReadableMessageWhenTooFewPortsAreFree() {
        PortRange range = new PortRange(100, 102);
        assertThatThrownBy(() -> PortAllocator.allocate(range, p -> p != 101, "n1", "web", 0, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("only 1 of 2 host ports are free in 100-102 on node n1: widen the port range or free ports");
    }

    @Test
    void startsAtDifferentPlacesForDifferentInstances() {
        Set<Integer> first = new HashSet<>();
        for (int ordinal = 0; ordinal < 50; ordinal++) {
            first.add(PortAllocator.allocate(PortRange.DEFAULT, p -> false, "n1", "web", ordinal, 1)[0]);
        }
        assertThat(first.size()).isGreaterThan(45);
        assertThat(PortAllocator.allocate(PortRange.DEFAULT, p -> false, "n1", "web", 7, 1))
                .isEqualTo(PortAllocator.allocate(PortRange.DEFAULT, p -> false, "n1", "web", 7, 1));
    }

    @Test
    void rejectsBadRanges() {
        assertThatThrownBy(() -> new PortRange(30000, 20000)).hasMessageContaining("30000-20000 is invalid");
        assertThatThrownBy(() -> new PortRange(0, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PortRange(60000, 70000)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new PortRange(1, 65535).size()).isEqualTo(65535);
    }

    @Property
    void neverReturnsATakenPortAlwaysInRangeAndDistinct(
            @ForAll @IntRange(min = 1, max = 60000) int first,
            @ForAll @IntRange(min = 0, max = 300) int width,
            @ForAll @Size(max = 200) Set<@IntRange(min = 0, max = 300) Integer> takenOffsets,
            @ForAll @StringLength(min = 1, max = 12) String node,
            @ForAll @StringLength(min = 1, max = 12) String service,
            @ForAll @IntRange(min = 0, max = 1000) int ordinal,
            @ForAll @IntRange(min = 0, max = 5) int count) {
        PortRange range = new PortRange(first, first + width);
        Set<Integer> taken = new HashSet<>();
        takenOffsets.forEach(o -> taken.add(first + o));
        long free = range.size() - taken.stream().filter(range::contains).count();

        if (free < count) {
            assertThatThrownBy(() -> PortAllocator.allocate(range, taken::contains, node, service, ordinal, count))
                    .isInstanceOf(IllegalArgumentException.class);
            return;
        }
        int[] ports = PortAllocator.allocate(range, taken::contains, node, service, ordinal, count);
        assertThat(ports).hasSize(count);
        assertThat(Arrays.stream(ports).distinct().count()).isEqualTo(count);
        for (int p : ports) {
            assertThat(range.contains(p)).as("port %d in %s", p, range).isTrue();
            assertThat(taken).doesNotContain(p);
        }
    }
}
