package io.wolfpack.images.registry;

import java.util.regex.Pattern;

/** A content descriptor in a manifest: what the blob is, its digest and its size in bytes. */
public record Descriptor(String mediaType, String digest, long size) {
    private static final Pattern DIGEST = Pattern.compile("sha256:[a-f0-9]{64}");

    public Descriptor {
        if (mediaType == null || mediaType.isBlank()) throw new IllegalArgumentException("descriptor mediaType must not be empty");
        requireDigest("descriptor digest", digest);
        if (size < 0) throw new IllegalArgumentException("descriptor size " + size + " of " + digest + " must be >= 0");
    }

    /** Throws naming {@code field} unless {@code digest} is sha256: and 64 lower-case hex digits. */
    static String requireDigest(String field, String digest) {
        if (digest == null || !DIGEST.matcher(digest).matches()) {
            throw new IllegalArgumentException(field + " '" + digest + "' must be sha256: followed by 64 lower-case hex digits");
        }
        return digest;
    }
}
