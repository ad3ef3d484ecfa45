package io.wolfpack.core.image;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/**
 * Where one image of a campaign stands, and which path it took: built or rebased, with the note
 * saying why (e.g. why a rebase was not safe), or failed with the reason.
 *
 * @param digest the new image's digest once built or rebased; null before
 */
public record ImageStatus(Phase phase, String note, String digest) {
    public static final ImageStatus PENDING = new ImageStatus(Phase.PENDING, "", null);

    public ImageStatus {
        if (phase == null) throw new IllegalArgumentException("image phase must be given");
        note = note == null ? "" : note;
    }

    public enum Phase {
        PENDING, BUILDING, BUILT, REBASED, FAILED;

        /** Built or rebased: images on it may go ahead. */
        public boolean complete() {
            return this == BUILT || this == REBASED;
        }

        @JsonValue
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
