package io.wolfpack.core.image;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** Where one service of a campaign stands in its rollout onto the patched image, with a note (the reason when it failed). */
public record ServiceStatus(Phase phase, String note) {
    public static final ServiceStatus PENDING = new ServiceStatus(Phase.PENDING, "");

    public ServiceStatus {
        if (phase == null) throw new IllegalArgumentException("service phase must be given");
        note = note == null ? "" : note;
    }

    public enum Phase {
        PENDING, ROLLING, DONE, FAILED;

        @JsonValue
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
