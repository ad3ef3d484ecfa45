package io.wolfpack.core.schedule;

import java.util.List;

/**
 * The scheduler's decision: where the new instances go, how many found no node, and why
 * ({@code explanation} is null exactly when everything was placed).
 */
public record Plan(List<Placement> placements, int unplaced, String explanation) {
    public Plan {
        placements = placements == null ? List.of() : List.copyOf(placements);
        if (unplaced < 0) throw new IllegalArgumentException("plan: unplaced must be >= 0, got " + unplaced);
        if ((unplaced == 0) != (explanation == null)) {
            throw new IllegalArgumentException("plan: explanation must be given exactly when instances are unplaced (unplaced="
                    + unplaced + ", explanation=" + explanation + ")");
        }
    }
}
