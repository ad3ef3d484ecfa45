package io.wolfpack.core.image;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * How much sprawl is tolerated: every live version is one more thing a fix must reach, and an old
 * base carries every hole found since it was built. Checked against a {@link Sprawl.Report}.
 *
 * @param maxVersionsPerService distinct images one service may run at once (2 lets a rollout finish)
 * @param maxBaseAgeDays        a base build older than this many whole days must not stay live
 */
public record VersionBudget(int maxVersionsPerService, int maxBaseAgeDays) {
    public static final VersionBudget DEFAULT = new VersionBudget(2, 30);

    public VersionBudget {
        if (maxVersionsPerService < 1) {
            throw new IllegalArgumentException("maxVersionsPerService must be at least 1, got " + maxVersionsPerService);
        }
        if (maxBaseAgeDays < 1) throw new IllegalArgumentException("maxBaseAgeDays must be at least 1, got " + maxBaseAgeDays);
    }

    /** Every broken rule: services first (by name), then bases (by name, oldest version first). Bases of unknown age are not judged. */
    public List<BudgetViolation> check(Sprawl.Report report) {
        List<BudgetViolation> out = new ArrayList<>();
        for (Sprawl.ServiceVersions s : report.services()) {
            int n = s.versions().size();
            if (n <= maxVersionsPerService) continue;
            String versions = s.versions().stream()
                    .map(v -> v.image() + " (" + v.instances() + (v.instances() == 1 ? " instance)" : " instances)"))
                    .collect(Collectors.joining(", "));
            out.add(new BudgetViolation(BudgetViolation.Kind.SERVICE_VERSIONS, s.service(), n, maxVersionsPerService,
                    "service " + s.service() + " runs " + n + " image versions (budget " + maxVersionsPerService + "): " + versions
                            + "; finish or roll back its rollout until at most " + maxVersionsPerService + " remain"));
        }
        for (Sprawl.BaseVersions b : report.bases()) {
            for (Sprawl.BaseVersion v : b.versions()) {
                if (v.age() == null) continue;
                long days = v.age().toDays();
                if (days <= maxBaseAgeDays) continue;
                out.add(new BudgetViolation(BudgetViolation.Kind.BASE_AGE, v.ref(), days, maxBaseAgeDays,
                        "base " + v.ref() + " was built " + days + " days ago (budget " + maxBaseAgeDays + ") and is still live under images "
                                + String.join(", ", v.images()) + " (services " + String.join(", ", v.services()) + "); rebuild "
                                + b.base() + " and run: wolfpack campaign start --base " + b.base()));
            }
        }
        return out;
    }
}
