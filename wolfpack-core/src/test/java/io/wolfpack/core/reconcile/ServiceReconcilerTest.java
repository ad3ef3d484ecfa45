package io.wolfpack.core.reconcile;

import io.wolfpack.core.model.Health;
import io.wolfpack.core.model.Instance;
import io.wolfpack.core.model.InstanceState;
import io.wolfpack.core.model.InstanceStatus;
import io.wolfpack.core.model.ServiceRecord;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.wolfpack.core.reconcile.Fixtures.instance;
import static io.wolfpack.core.reconcile.Fixtures.record;
import static io.wolfpack.core.reconcile.Fixtures.running;
import static io.wolfpack.core.reconcile.Fixtures.state;
import static org.assertj.core.api.Assertions.assertThat;

class ServiceReconcilerTest {

    @Test
    void placesMissingReplicas() {
        ServiceDecision d = ServiceReconciler.reconcile(record("web", 3, 1), List.of(instance("web-a", "web", 1, "n1", 1)), Map.of());
        assertThat(d.toPlace()).isEqualTo(2);
        assertThat(d.revision()).isEqualTo(1);
        assertThat(d.toRemove()).isEmpty();
    }

    @Test
    void convergedServiceNeedsNothing() {
        List<Instance> all = List.of(instance("web-a", "web", 1, "n1", 1), instance("web-b", "web", 1, "n1", 2));
        Map<String, InstanceStatus> st = Map.of("web-a", running(all.get(0), Health.PASSING), "web-b", running(all.get(1), Health.PASSING));
        assertThat(ServiceReconciler.reconcile(record("web", 2, 1), all, st).isEmpty()).isTrue();
    }

    @Test
    void scaleDownRemovesInstancesThatServeNothingFirstThenNewest() {
        Instance a = instance("web-a", "web", 1, "n1", 1);
        Instance b = instance("web-b", "web", 1, "n1", 2);
        Instance c = instance("web-c", "web", 1, "n1", 3);
        Instance d = instance("web-d", "web", 1, "n1", 4);
        Map<String, InstanceStatus> st = Map.of(
                "web-a", running(a, Health.PASSING),
                "web-b", state(b, InstanceState.BACKOFF),
                "web-c", running(c, Health.PASSING),
                "web-d", running(d, Health.PASSING));
        ServiceDecision dec = ServiceReconciler.reconcile(record("web", 2, 1), List.of(a, b, c, d), st);
        assertThat(dec.toPlace()).isZero();
        assertThat(dec.toRemove()).extracting(ServiceDecision.Removal::instance).containsExactly("web-b", "web-d");
    }

    @Test
    void removedServiceRemovesEverything() {
        List<Instance> all = List.of(instance("web-a", "web", 1, "n1", 1), instance("web-b", "web", 1, "n1", 2));
        ServiceDecision d = ServiceReconciler.reconcile(null, all, Map.of());
        assertThat(d.toRemove()).extracting(ServiceDecision.Removal::instance).containsExactlyInAnyOrder("web-a", "web-b");
        assertThat(d.toPlace()).isZero();
    }

    @Test
    void rollingUpdateSurgesOneAndKeepsOldUntilNewServes() {
        ServiceRecord rev2 = record("web", 3, 2, 1, 0);
        List<Instance> old = List.of(instance("web-a", "web", 1, "n1", 1), instance("web-b", "web", 1, "n1", 2),
                instance("web-c", "web", 1, "n1", 3));
        Map<String, InstanceStatus> st = new HashMap<>();
        old.forEach(i -> st.put(i.id(), running(i, Health.PASSING)));

        ServiceDecision first = ServiceReconciler.reconcile(rev2, old, st);
        assertThat(first.toPlace()).isEqualTo(1);
        assertThat(first.revision()).isEqualTo(2);
        assertThat(first.toRemove()).isEmpty();

        // The new instance exists but is not healthy yet: nothing more happens.
        Instance n1 = instance("web-n1", "web", 2, "n1", 10);
        List<Instance> withNew = new ArrayList<>(old);
        withNew.add(n1);
        st.put(n1.id(), running(n1, Health.UNKNOWN));
        assertThat(ServiceReconciler.reconcile(rev2, withNew, st).isEmpty()).isTrue();

        // Once it serves, one old instance may go (3 keep serving), but no further surge yet.
        st.put(n1.id(), running(n1, Health.PASSING));
        ServiceDecision third = ServiceReconciler.reconcile(rev2, withNew, st);
        assertThat(third.toRemove()).hasSize(1);
        assertThat(third.toPlace()).isZero();
    }

    @Test
    void rollingUpdateNeverDropsServingBelowReplicasMinusMaxUnavailable() {
        // Simulate a whole rollout step by step, new instances turning healthy at once.
        ServiceRecord rev2 = record("web", 4, 2, 1, 1);
        Map<String, Instance> all = new HashMap<>();
        Map<String, InstanceStatus> st = new HashMap<>();
        for (int i = 0; i < 4; i++) {
            Instance old = instance("web-o" + i, "web", 1, "n1", i);
            all.put(old.id(), old);
            st.put(old.id(), running(old, Health.PASSING));
        }
        int counter = 0;
        for (int step = 0; step < 20; step++) {
            ServiceDecision d = ServiceReconciler.reconcile(rev2, all.values(), st);
            if (d.isEmpty()) break;
            for (ServiceDecision.Removal r : d.toRemove()) {
                all.remove(r.instance());
                st.remove(r.instance());
            }
            long serving = st.values().stream().filter(InstanceStatus::routable).count();
            assertThat(serving).as("serving after step %d", step).isGreaterThanOrEqualTo(3);
            assertThat(all.size() + d.toPlace()).isLessThanOrEqualTo(5);
            for (int k = 0; k < d.toPlace(); k++) {
                Instance n = instance("web-n" + counter, "web", 2, "n1", 100 + counter++);
                all.put(n.id(), n);
                st.put(n.id(), running(n, Health.PASSING));
            }
        }
        assertThat(all.values()).hasSize(4).allMatch(i -> i.revision() == 2);
    }

    @Test
    void oldInstancesThatServeNothingAreReplacedWithoutWaiting() {
        ServiceRecord rev2 = record("web", 2, 2, 1, 0);
        Instance a = instance("web-a", "web", 1, "n1", 1);
        Instance b = instance("web-b", "web", 1, "n1", 2);
        Map<String, InstanceStatus> st = Map.of("web-a", state(a, InstanceState.BACKOFF), "web-b", running(b, Health.PASSING));
        ServiceDecision d = ServiceReconciler.reconcile(rev2, List.of(a, b), st);
        assertThat(d.toRemove()).extracting(ServiceDecision.Removal::instance).containsExactly("web-a");
        assertThat(d.toPlace()).isEqualTo(1);
    }

    @Test
    void statusOfAnotherRevisionDoesNotCountAsServing() {
        Instance a = instance("web-a", "web", 2, "n1", 1);
        InstanceStatus stale = running(instance("web-a", "web", 1, "n1", 1), Health.PASSING);
        ServiceDecision d = ServiceReconciler.reconcile(record("web", 0, 2), List.of(a), Map.of("web-a", stale));
        assertThat(d.toRemove()).hasSize(1);
    }

    @Test
    void drainingANodeReplacesItsInstancesOneByOneKeepingCapacity() {
        ServiceRecord rec = record("web", 3, 1, 1, 0);
        Map<String, Instance> all = new HashMap<>();
        Map<String, InstanceStatus> st = new HashMap<>();
        for (int i = 0; i < 3; i++) {
            Instance inst = instance("web-" + i, "web", 1, i == 2 ? "n2" : "n1", i);
            all.put(inst.id(), inst);
            st.put(inst.id(), running(inst, Health.PASSING));
        }
        Set<String> draining = Set.of("n1");
        int counter = 0;
        for (int step = 0; step < 20; step++) {
            ServiceDecision d = ServiceReconciler.reconcile(rec, all.values(), st, draining);
            if (d.isEmpty()) break;
            for (ServiceDecision.Removal r : d.toRemove()) {
                assertThat(r.reason()).contains("draining");
                all.remove(r.instance());
                st.remove(r.instance());
            }
            assertThat(st.values().stream().filter(InstanceStatus::routable).count()).isGreaterThanOrEqualTo(3);
            for (int k = 0; k < d.toPlace(); k++) {
                Instance n = instance("web-new" + counter, "web", 1, "n2", 100 + counter++);
                all.put(n.id(), n);
                st.put(n.id(), running(n, Health.PASSING));
            }
        }
        assertThat(all.values()).hasSize(3).allMatch(i -> i.node().equals("n2"));
    }

    @Test
    void instancesOnADownNodeAreRemovedAndReplacedAtOnce() {
        Instance a = instance("web-a", "web", 1, "n1", 1);
        Instance b = instance("web-b", "web", 1, "n2", 2);
        Instance c = instance("web-c", "web", 1, "n2", 3);
        Map<String, InstanceStatus> st = Map.of("web-a", running(a, Health.PASSING), "web-b", running(b, Health.PASSING),
                "web-c", running(c, Health.PASSING));
        ServiceDecision d = ServiceReconciler.reconcile(record("web", 3, 1), List.of(a, b, c), st, Set.of(), Set.of("n2"));
        assertThat(d.toRemove()).extracting(ServiceDecision.Removal::instance).containsExactlyInAnyOrder("web-b", "web-c");
        assertThat(d.toRemove()).allMatch(r -> r.reason().contains("n2 is down"));
        assertThat(d.toPlace()).isEqualTo(2);
    }

    @Test
    void instanceIdsCarryTheServiceName() {
        String id = InstanceIds.next("web", new java.util.Random(1));
        assertThat(id).matches("web-[0-9a-z]{6}");
    }

    private static Disruptions suspect(String... nodes) {
        return new Disruptions(Set.of(), Set.of(nodes), Set.of(), Set.of());
    }

    @Test
    void aSuspectNodesInstancesAreReplacedAtOnceAndRemovedOnlyWhenTheReplacementsServe() {
        ServiceRecord rec = record("web", 3, 1, 1, 0);
        Instance a = instance("web-a", "web", 1, "n1", 1);
        Instance b = instance("web-b", "web", 1, "n2", 2);
        Instance c = instance("web-c", "web", 1, "n2", 3);
        Map<String, InstanceStatus> st = new HashMap<>(Map.of("web-a", running(a, Health.PASSING),
                "web-b", running(b, Health.PASSING), "web-c", running(c, Health.PASSING)));

        // Both of n2's instances are replaced together: maxSurge 1 does not hold back lost capacity.
        ServiceDecision first = ServiceReconciler.reconcile(rec, List.of(a, b, c), st, suspect("n2"));
        assertThat(first.toPlace()).isEqualTo(2);
        assertThat(first.toRemove()).isEmpty();

        Instance d = instance("web-d", "web", 1, "n1", 4);
        Instance e = instance("web-e", "web", 1, "n3", 5);
        st.put("web-d", state(d, io.wolfpack.core.model.InstanceState.STARTING));
        st.put("web-e", running(e, Health.PASSING));
        ServiceDecision waiting = ServiceReconciler.reconcile(rec, List.of(a, b, c, d, e), st, suspect("n2"));
        assertThat(waiting.isEmpty()).as("n2's instances stay until the replacements serve").isTrue();

        st.put("web-d", running(d, Health.PASSING));
        ServiceDecision done = ServiceReconciler.reconcile(rec, List.of(a, b, c, d, e), st, suspect("n2"));
        assertThat(done.toPlace()).isZero();
        assertThat(done.toRemove()).extracting(ServiceDecision.Removal::instance).containsExactly("web-b", "web-c");
        assertThat(done.toRemove()).allMatch(r -> r.reason().contains("n2 is suspect"));
    }

    @Test
    void aSuspectNodeThatComesBackBeforeTheReplacementsServeKeepsItsInstances() {
        ServiceRecord rec = record("web", 2, 1, 1, 0);
        Instance a = instance("web-a", "web", 1, "n1", 1);
        Instance b = instance("web-b", "web", 1, "n2", 2);
        Instance repl = instance("web-r", "web", 1, "n3", 3);
        Map<String, InstanceStatus> st = Map.of("web-a", running(a, Health.PASSING), "web-b", running(b, Health.PASSING),
                "web-r", state(repl, io.wolfpack.core.model.InstanceState.STARTING));
        ServiceDecision back = ServiceReconciler.reconcile(rec, List.of(a, b, repl), st, Disruptions.NONE);
        assertThat(back.toPlace()).isZero();
        assertThat(back.toRemove()).extracting(ServiceDecision.Removal::instance).containsExactly("web-r");
    }

    @Test
    void anInstanceThatKeepsFailingIsReplacedWhileStillCountedSoSpreadSteersAway() {
        ServiceRecord rec = record("web", 2, 1, 1, 0);
        Instance a = instance("web-a", "web", 1, "n1", 1);
        Instance bad = instance("web-b", "web", 1, "n2", 2);
        Map<String, InstanceStatus> st = Map.of("web-a", running(a, Health.PASSING), "web-b", running(bad, Health.FAILING));
        ServiceDecision d = ServiceReconciler.reconcile(rec, List.of(a, bad), st,
                new Disruptions(Set.of(), Set.of(), Set.of(), Set.of("web-b")));
        assertThat(d.toPlace()).isEqualTo(1);
        assertThat(d.toRemove()).singleElement().satisfies(r -> {
            assertThat(r.instance()).isEqualTo("web-b");
            assertThat(r.reason()).contains("kept failing on n2");
        });
    }
}
