package io.wolfpack.core.model;

import io.wolfpack.core.spec.ServiceSpec;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceRecordRevisionTest {
    private static ServiceRecord at(long revision) {
        ServiceSpec spec = new ServiceSpec("web", "web:1", 1, null, null, null, null, null, null, null, null);
        return new ServiceRecord(spec, revision, Instant.EPOCH, Instant.EPOCH);
    }

    @Test
    void aNewRevisionIsAboveTheCurrentAndEveryKeptOneSoNoNumberIsReused() {
        TreeMap<Long, String> kept = new TreeMap<>();
        assertThat(at(1).nextRevision(kept)).isEqualTo(2);
        kept.put(1L, "a");
        kept.put(2L, "b");
        kept.put(3L, "c");
        assertThat(at(3).nextRevision(kept)).isEqualTo(4);
        // after a rollback to 2, the next change is 4, not 3 again
        assertThat(at(2).nextRevision(kept)).isEqualTo(4);
    }
}
