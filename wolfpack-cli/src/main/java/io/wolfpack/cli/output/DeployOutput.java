package io.wolfpack.cli.output;

import io.wolfpack.core.api.ServiceView;

import java.util.Objects;

/** What {@code wolfpack deploy} says happened, judged from the service before and after the call. */
public final class DeployOutput {
    private DeployOutput() {
    }

    /**
     * "created web (revision 1, 3 replicas)", "updated web (revision 2)",
     * "updated web (revision 2, replicas 3 -> 5)" or "web unchanged"; then any unplaced reasons.
     *
     * @param before the service before the deploy, or null when it did not exist
     */
    public static String summary(ServiceView before, ServiceView after) {
        StringBuilder sb = new StringBuilder();
        if (before == null) {
            sb.append("created ").append(after.name()).append(" (revision ").append(after.revision()).append(", ")
                    .append(after.desired()).append(after.desired() == 1 ? " replica)" : " replicas)");
        } else {
            boolean newRevision = before.revision() != after.revision();
            boolean rescaled = before.desired() != after.desired();
            if (!newRevision && !rescaled && Objects.equals(before.spec(), after.spec())) {
                sb.append(after.name()).append(" unchanged");
            } else {
                sb.append("updated ").append(after.name()).append(" (revision ").append(after.revision());
                if (rescaled) sb.append(", replicas ").append(before.desired()).append(" -> ").append(after.desired());
                sb.append(')');
            }
        }
        sb.append('\n');
        for (ServiceView.Unplaced u : after.unplaced()) {
            sb.append("  ").append(u.count()).append(" unplaced: ").append(u.reason()).append('\n');
        }
        return sb.toString();
    }
}
