package io.wolfpack.core.reconcile;

import io.wolfpack.core.model.NodeState;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which silent nodes' instances get replaced. A <b>suspect</b> node (heartbeats missed for
 * {@code suspectAfter}) has its instances replaced at once by new ones elsewhere, while the old
 * ones are kept until the replacements serve: if the node was only slow, the surplus is trimmed
 * when it is back; if it is gone, capacity returned within seconds. A <b>down</b> node (missed for
 * {@code downAfter}) has its instances removed outright.
 *
 * <p>When many nodes go quiet at once it is more likely the server that lost the network than the
 * hosts that died, and rescheduling everything would be a stampede onto the few nodes left: so
 * while more than a third of the nodes (and more than one) are silent, nothing is replaced; the
 * instances stay out of the routes, and work resumes when heartbeats return or the operator acts.
 * Nothing is replaced either while no node is ready to take it (a one-node cluster whose agent
 * went quiet, a laptop waking from sleep): that would only restart the same instances later.
 */
public final class FailurePolicy {
    private FailurePolicy() {
    }

    /** The decision for one moment: whose instances to replace, and whether replacing is held back. */
    public record Assessment(Set<String> suspect, Set<String> lost, boolean held, Set<String> ready) {
        public static final Assessment NONE = new Assessment(Set.of(), Set.of(), false, Set.of());

        /** Whether a node other than {@code node} heartbeats: only then can moving work off it help. */
        public boolean anotherReady(String node) {
            for (String n : ready) if (!n.equals(node)) return true;
            return false;
        }
    }

    public static Assessment assess(Map<String, NodeState> states) {
        Set<String> suspect = new TreeSet<>();
        Set<String> down = new TreeSet<>();
        Set<String> ready = new TreeSet<>();
        states.forEach((node, state) -> {
            if (state == NodeState.SUSPECT) suspect.add(node);
            else if (state == NodeState.DOWN) down.add(node);
            else if (state == NodeState.READY) ready.add(node);
        });
        if (suspect.isEmpty() && down.isEmpty()) return new Assessment(Set.of(), Set.of(), false, Set.copyOf(ready));
        if (ready.isEmpty() || massFailure(suspect.size() + down.size(), states.size())) {
            return new Assessment(Set.of(), Set.of(), true, Set.copyOf(ready));
        }
        return new Assessment(Set.copyOf(suspect), Set.copyOf(down), false, Set.copyOf(ready));
    }

    /** The down nodes whose instances are removed and placed elsewhere now (empty while held). */
    public static Set<String> replaceable(Map<String, NodeState> states) {
        return assess(states).lost();
    }

    public static boolean massFailure(int silent, int total) {
        return silent > 1 && silent * 3 > total;
    }
}
