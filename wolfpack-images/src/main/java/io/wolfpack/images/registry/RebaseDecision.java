package io.wolfpack.images.registry;

import java.util.List;

/**
 * Whether swapping an image's base layers at the registry is safe, and if not, every reason why
 * in words a person can act on. {@code oldBaseLayers} is how many of the image's layers (and
 * diff_ids) belong to the old base, i.e. where its own layers start.
 */
public record RebaseDecision(boolean safe, List<String> reasons, int oldBaseLayers) {
    public RebaseDecision {
        reasons = List.copyOf(reasons);
        if (safe != reasons.isEmpty()) throw new IllegalArgumentException("a decision is safe exactly when it has no reasons: " + reasons);
    }

    public static RebaseDecision safe(int oldBaseLayers) {
        return new RebaseDecision(true, List.of(), oldBaseLayers);
    }

    public static RebaseDecision unsafe(List<String> reasons) {
        return new RebaseDecision(false, reasons, 0);
    }

    /** The reasons as one sentence; "" when safe. */
    public String reason() {
        return String.join("; ", reasons);
    }
}
