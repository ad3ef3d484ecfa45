package io.wolfpack.core.model;

import io.wolfpack.core.spec.ByteSize;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Records whose equals and hashCode are written by hand (for speed) must still compare every
 * component, as the generated ones do: a component left out would make a changed status look
 * unchanged, and the change would never be stored.
 */
class HandWrittenEqualsTest {
    static Stream<Record> records() {
        return Stream.of(
                new InstanceStatus("web-1", "web", "n1", 3, InstanceState.RUNNING, Health.PASSING, "c0ffee", 2, 137,
                        "exited", Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-01T00:00:05Z"), 0.25),
                new NodeInfo("n1", "10.0.0.1", 2.0, ByteSize.ofMebibytes(4096), Map.of("zone", "a"), "24.0.7",
                        "0.1.0", "http://10.0.0.1:7070"));
    }

    @ParameterizedTest
    @MethodSource("records")
    void equalComponentsAreEqualWithTheSameHash(Record r) throws Exception {
        Record copy = with(r, -1);
        assertThat(copy).isNotSameAs(r).isEqualTo(r);
        assertThat(copy.hashCode()).isEqualTo(r.hashCode());
        assertThat(r).isNotEqualTo(null).isNotEqualTo("not a record");
    }

    @ParameterizedTest
    @MethodSource("records")
    void everyComponentTakesPart(Record r) throws Exception {
        RecordComponent[] components = r.getClass().getRecordComponents();
        for (int i = 0; i < components.length; i++) {
            Record changed = with(r, i);
            assertThat(changed).as("%s differs only in %s", r.getClass().getSimpleName(), components[i].getName())
                    .isNotEqualTo(r);
            assertThat(r).as("symmetric for %s", components[i].getName()).isNotEqualTo(changed);
        }
    }

    @ParameterizedTest
    @MethodSource("records")
    void aMissingValueDiffersFromAPresentOne(Record r) throws Exception {
        RecordComponent[] components = r.getClass().getRecordComponents();
        for (int i = 0; i < components.length; i++) {
            if (components[i].getType().isPrimitive() || components[i].getType() == Map.class) continue;
            Object[] values = values(r);
            values[i] = null;
            Record withNull = construct(r, values);
            assertThat(withNull).as("null %s", components[i].getName()).isNotEqualTo(r);
            assertThat(r).isNotEqualTo(withNull);
            assertThat(withNull).isEqualTo(construct(r, values));
        }
    }

    /** A copy of {@code r} with component {@code index} changed (none for -1). */
    private static Record with(Record r, int index) throws Exception {
        Object[] values = values(r);
        if (index >= 0) values[index] = different(values[index]);
        return construct(r, values);
    }

    private static Object[] values(Record r) throws Exception {
        RecordComponent[] components = r.getClass().getRecordComponents();
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) values[i] = components[i].getAccessor().invoke(r);
        return values;
    }

    private static Record construct(Record r, Object[] values) throws Exception {
        Class<?>[] types = Arrays.stream(r.getClass().getRecordComponents()).map(RecordComponent::getType).toArray(Class[]::new);
        Constructor<?> canonical = r.getClass().getDeclaredConstructor(types);
        return (Record) canonical.newInstance(values);
    }

    private static Object different(Object v) {
        if (v instanceof String s) return s + "x";
        if (v instanceof Long l) return l + 1;
        if (v instanceof Integer i) return i + 1;
        if (v instanceof Double d) return d + 0.5;
        if (v instanceof Instant t) return t.plusMillis(1);
        if (v instanceof ByteSize b) return new ByteSize(b.bytes() + 1);
        if (v instanceof Map<?, ?> m) return Map.of("other", "label");
        if (v instanceof Enum<?> e) {
            Object[] all = e.getDeclaringClass().getEnumConstants();
            return all[(e.ordinal() + 1) % all.length];
        }
        throw new IllegalArgumentException("no different value for " + v.getClass());
    }
}
