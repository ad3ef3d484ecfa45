package io.wolfpack.core.model;

import com.fasterxml.jackson.annotation.JsonValue;

import java.time.Instant;
import java.util.Locale;

/**
 * A canary in progress for the service's current revision: its instances get exactly the spec's
 * {@code update.canary.weight} percent of the route's traffic, the {@code stable} revision the rest,
 * until the hold passes (or someone promotes it) and the rolling update goes on, or the canary is
 * judged worse than stable and the service goes back.
 */
public record CanaryState(long revision, long stable, Instant startedAt, Phase phase) {
    public enum Phase {
        /** Traffic split, being judged. */
        HOLDING,
        /** Traffic split, not judged, not promoted: an operator is looking. */
        PAUSED,
        /** Passed (or promoted by hand): the rolling update goes on. */
        PROMOTED;

        @JsonValue
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        @com.fasterxml.jackson.annotation.JsonCreator
        public static Phase of(String s) {
            return valueOf(s.toUpperCase(Locale.ROOT));
        }
    }

    /** Whether traffic is split by weight between the canary and stable revisions now. */
    public boolean splitting() {
        return phase != Phase.PROMOTED;
    }

    public CanaryState withPhase(Phase p) {
        return new CanaryState(revision, stable, startedAt, p);
    }
}
