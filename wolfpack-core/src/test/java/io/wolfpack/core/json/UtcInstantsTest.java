package io.wolfpack.core.json;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The fast reader agrees with the JDK on every instant we write, and leaves every other form to the JDK. */
class UtcInstantsTest {
    @Provide
    Arbitrary<Instant> instants() {
        // Year 0000 to 9999, any nanosecond: Instant.toString writes 0, 3, 6 or 9 fraction digits.
        return Arbitraries.longs().between(-62_167_219_200L, 253_402_300_799L)
                .flatMap(s -> Arbitraries.integers().between(0, 999_999_999)
                        .flatMap(n -> Arbitraries.of(1, 1_000, 1_000_000, 1_000_000_000)
                                .map(unit -> Instant.ofEpochSecond(s, n / unit * unit))));
    }

    @Property(tries = 2000)
    void readsWhatInstantToStringWrites(@ForAll("instants") Instant t) {
        assertThat(UtcInstants.parse(t.toString())).isEqualTo(t);
        assertThat(Json.read("\"" + t + "\"", Instant.class)).isEqualTo(t);
    }

    @Test
    void readsShortFractionsAsTheJdkDoes() {
        for (String s : new String[]{"2024-02-29T23:59:59.5Z", "2026-11-30T13:15:18.23Z", "1970-01-01T00:00:00Z",
                "2000-12-31T00:00:00.000000001Z"}) {
            assertThat(UtcInstants.parse(s)).as(s).isEqualTo(Instant.parse(s));
        }
    }

    @Test
    void leavesOtherFormsToTheFullParser() {
        for (String s : new String[]{"2026-11-30T13:15:18+01:00", "2023-02-29T00:00:00Z", "2026-13-01T00:00:00Z",
                "2026-11-30T24:00:00Z", "2026-11-30T13:15:60Z", "2026-11-30 13:15:18Z", "2026-11-30T13:15:18.Z",
                "2026-11-30T13:15:18.1234567890Z", "+10000-01-01T00:00:00Z", "2026-1a-30T13:15:18Z", "2026-11-30"}) {
            assertThat(UtcInstants.parse(s)).as(s).isNull();
        }
        // Through Jackson: an offset is still read (by the Java-time module), a bad date still refused.
        assertThat(Json.read("\"2026-11-30T13:15:18+01:00\"", Instant.class)).isEqualTo(Instant.parse("2026-11-30T12:15:18Z"));
        assertThat(Json.read("1700000000", Instant.class)).isEqualTo(Instant.ofEpochSecond(1_700_000_000L));
        assertThatThrownBy(() -> Json.read("\"2023-02-29T00:00:00Z\"", Instant.class)).hasMessageContaining("Instant");
    }
}
