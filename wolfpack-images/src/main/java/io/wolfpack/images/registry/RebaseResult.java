package io.wolfpack.images.registry;

/**
 * What {@link Rebaser#rebase} did. When {@code rebased}, {@code digest} is the new manifest's
 * digest and {@code reason} says what was swapped; otherwise {@code digest} is null, nothing was
 * pushed, and {@code reason} says why the image must be rebuilt instead.
 */
public record RebaseResult(boolean rebased, String digest, String reason) {
    public RebaseResult {
        if (rebased && digest == null) throw new IllegalArgumentException("a rebased result needs the new digest");
        if (!rebased && (reason == null || reason.isBlank())) throw new IllegalArgumentException("a refused rebase needs a reason");
    }

    public static RebaseResult done(String digest, String what) {
        return new RebaseResult(true, digest, what);
    }

    public static RebaseResult refused(String reason) {
        return new RebaseResult(false, null, reason);
    }
}
