package io.wolfpack.store;

import io.wolfpack.core.model.Instance;
import io.wolfpack.core.model.InstanceState;
import io.wolfpack.core.model.InstanceStatus;
import io.wolfpack.core.model.ServiceRecord;
import io.wolfpack.core.spec.ServiceSpec;
import io.wolfpack.core.spec.SpecParser;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A removed service's folders go in one transaction, and never from under a service deployed again. Real ZooKeeper. */
class ServiceFoldersTest extends RealZooKeeperTest {
    private static ServiceSpec spec(String name) {
        return SpecParser.parse("{\"name\":\"" + name + "\",\"image\":\"nginx:1\"}", SpecParser.Format.JSON);
    }

    /** A service with two revisions and an instance that reported, all then removed but the folders. */
    private void deployAndEmpty(String name) throws Exception {
        ServiceRecord record = new ServiceRecord(spec(name), 2, Instant.EPOCH, Instant.EPOCH);
        store.batch().folder(ZkPaths.instancesOf(name)).folder(ZkPaths.statusesOf(name)).createService(record)
                .putRevision(name, 1, spec(name), false).commit();
        store.batch().putRevision(name, 2, spec(name), false).commit();
        Instance i = new Instance(name + "-a", name, 2, "node-1", Map.of(), Instant.EPOCH);
        store.batch().createInstance(i).commit();
        InstanceStatus s = new InstanceStatus(i.id(), name, "node-1", 2, InstanceState.RUNNING, null, null, 0, null, null, Instant.EPOCH, null);
        store.batch().putStatus(s, false).commit();
        await(() -> store.mirror().status(name, i.id()) != null && store.mirror().revision(name, 2) != null);
        store.batch().deleteInstance(name, i.id()).deleteStatus(name, i.id()).commit();
        store.deleteService(name, store.mirror().service(name).version());
        await(() -> store.mirror().service(name) == null && store.mirror().instanceCount() == 0
                && store.mirror().statuses(name).isEmpty());
    }

    @Test
    void removesEveryFolderOfARemovedServiceInOneTransaction() throws Exception {
        deployAndEmpty("web");
        long before = store.groupCommitCounts()[0];

        store.deleteServiceFolders("web");

        assertThat(store.groupCommitCounts()[0] - before).isEqualTo(1);
        for (String p : new String[]{ZkPaths.revisionsOf("web"), ZkPaths.instancesOf("web"), ZkPaths.statusesOf("web")}) {
            assertThat(store.curator().checkExists().forPath(p)).as(p).isNull();
        }
        assertThat(store.curator().checkExists().forPath(ZkPaths.service("web"))).isNull();
    }

    @Test
    void keepsTheFoldersOfAServiceDeployedAgainMeanwhile() throws Exception {
        deployAndEmpty("api");
        ServiceRecord again = new ServiceRecord(spec("api"), 3, Instant.EPOCH, Instant.EPOCH);
        store.batch().createService(again).putRevision("api", 3, spec("api"), false).commit();
        await(() -> store.mirror().service("api") != null);

        store.deleteServiceFolders("api");

        assertThat(store.curator().checkExists().forPath(ZkPaths.revision("api", 3))).isNotNull();
        assertThat(store.curator().checkExists().forPath(ZkPaths.instancesOf("api"))).isNotNull();
        assertThat(store.curator().checkExists().forPath(ZkPaths.service("api"))).isNotNull();
    }

    @Test
    void leavesAFolderThatStillHoldsAStatusAndRemovesTheRest() throws Exception {
        deployAndEmpty("db");
        // An agent reports an instance of the removed service once more, before it stops it.
        InstanceStatus late = new InstanceStatus("db-b", "db", "node-1", 2, InstanceState.RUNNING, null, null, 0, null, null, Instant.EPOCH, null);
        store.batch().putStatus(late, false).commit();
        await(() -> store.mirror().status("db", "db-b") != null);

        store.deleteServiceFolders("db");

        assertThat(store.curator().checkExists().forPath(ZkPaths.status("db", "db-b"))).isNotNull();
        assertThat(store.curator().checkExists().forPath(ZkPaths.revisionsOf("db"))).isNull();
        assertThat(store.curator().checkExists().forPath(ZkPaths.instancesOf("db"))).isNull();
    }
}
