package io.wolfpack.store;

import io.wolfpack.core.image.ImageBuild;
import io.wolfpack.core.image.ImageRepo;
import io.wolfpack.core.json.Json;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Images and campaigns in ZooKeeper, read straight from it (they change rarely, and nothing
 * routes on them, so they stay out of the {@link ClusterMirror}):
 *
 * <pre>
 * /wolfpack/images/repos/{repo}                  ImageRepo    a registered repository of Dockerfiles
 * /wolfpack/images/builds/{image}/{digest-hex}   ImageBuild   every image made: digest → base digest
 * /wolfpack/campaigns/{id}                       campaign     one patch campaign, versioned
 * </pre>
 *
 * An image name may hold '/', which a znode name cannot: it is stored with '/' as '~'.
 */
public final class ImageStore {
    public static final String REPOS = ZkPaths.ROOT + "/images/repos";
    public static final String BUILDS = ZkPaths.ROOT + "/images/builds";
    public static final String CAMPAIGNS = ZkPaths.ROOT + "/campaigns";

    private final CuratorFramework zk;
    private final String where;

    public ImageStore(ClusterStore store) {
        this.zk = store.curator();
        this.where = "ZooKeeper at " + store.connectString();
    }

    // ---- repositories

    public void putRepo(ImageRepo repo) {
        write("store image repository " + repo.name(), REPOS + "/" + repo.name(), Json.bytes(repo));
    }

    public Optional<ImageRepo> repo(String name) {
        return read(REPOS + "/" + name).map(d -> Json.read(d.data(), ImageRepo.class));
    }

    public List<ImageRepo> repos() {
        List<ImageRepo> out = new ArrayList<>();
        for (String child : children(REPOS)) repo(child).ifPresent(out::add);
        return out;
    }

    public void deleteRepo(String name) {
        try {
            zk.delete().forPath(REPOS + "/" + name);
        } catch (KeeperException.NoNodeException ignored) {
            // already gone
        } catch (Exception e) {
            throw new StoreException("cannot delete image repository " + name + " in " + where, e);
        }
    }

    // ---- builds

    public void putBuild(ImageBuild build) {
        write("record image " + build.image() + "@" + build.digest(), buildPath(build.image(), build.digest()), Json.bytes(build));
    }

    /** Every recorded build of every image. */
    public List<ImageBuild> builds() {
        List<ImageBuild> out = new ArrayList<>();
        for (String image : children(BUILDS)) {
            for (String digest : children(BUILDS + "/" + image)) {
                read(BUILDS + "/" + image + "/" + digest).ifPresent(d -> out.add(Json.read(d.data(), ImageBuild.class)));
            }
        }
        return out;
    }

    static String buildPath(String image, String digest) {
        String hex = digest.startsWith("sha256:") ? digest.substring(7) : digest;
        return BUILDS + "/" + image.replace('/', '~') + "/" + hex;
    }

    // ---- campaigns

    /** A stored value with the version to pass back when changing it. */
    public record Stored<T>(T value, int version) {
    }

    public <T> void createCampaign(String id, T campaign) {
        String path = CAMPAIGNS + "/" + id;
        try {
            zk.create().creatingParentsIfNeeded().forPath(path, Json.bytes(campaign));
        } catch (KeeperException.NodeExistsException e) {
            throw new ConflictException("campaign " + id + " already exists", e);
        } catch (Exception e) {
            throw new StoreException("cannot create campaign " + id + " in " + where, e);
        }
    }

    /** Replaces a campaign if it is still at {@code expectedVersion}; ConflictException otherwise. */
    public <T> void updateCampaign(String id, T campaign, int expectedVersion) {
        try {
            zk.setData().withVersion(expectedVersion).forPath(CAMPAIGNS + "/" + id, Json.bytes(campaign));
        } catch (KeeperException.BadVersionException e) {
            throw new ConflictException("campaign " + id + " was changed by someone else; read it again", e);
        } catch (KeeperException.NoNodeException e) {
            throw new ConflictException("campaign " + id + " no longer exists", e);
        } catch (Exception e) {
            throw new StoreException("cannot update campaign " + id + " in " + where, e);
        }
    }

    public <T> Optional<Stored<T>> campaign(String id, Class<T> type) {
        return read(CAMPAIGNS + "/" + id).map(d -> new Stored<>(Json.read(d.data(), type), d.version()));
    }

    public <T> List<Stored<T>> campaigns(Class<T> type) {
        List<Stored<T>> out = new ArrayList<>();
        for (String id : children(CAMPAIGNS)) campaign(id, type).ifPresent(out::add);
        return out;
    }

    // ---- plumbing

    private record Data(byte[] data, int version) {
    }

    private Optional<Data> read(String path) {
        try {
            Stat stat = new Stat();
            byte[] data = zk.getData().storingStatIn(stat).forPath(path);
            return Optional.of(new Data(data, stat.getVersion()));
        } catch (KeeperException.NoNodeException e) {
            return Optional.empty();
        } catch (Exception e) {
            throw new StoreException("cannot read " + path + " from " + where, e);
        }
    }

    private List<String> children(String path) {
        try {
            List<String> names = new ArrayList<>(zk.getChildren().forPath(path));
            names.sort(null);
            return names;
        } catch (KeeperException.NoNodeException e) {
            return List.of();
        } catch (Exception e) {
            throw new StoreException("cannot list " + path + " in " + where, e);
        }
    }

    private void write(String what, String path, byte[] data) {
        try {
            zk.create().orSetData().creatingParentsIfNeeded().forPath(path, data);
        } catch (Exception e) {
            throw new StoreException("cannot " + what + " in " + where, e);
        }
    }
}
