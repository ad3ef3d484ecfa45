package io.wolfpack.store;

import java.util.List;
import java.util.Optional;

/**
 * The one table of ZooKeeper paths. Desired state (written by the API and controllers) is kept
 * apart from observed state (reported by agents) so that neither side overwrites the other:
 *
 * <pre>
 * /wolfpack/desired/services/{service}              ServiceRecord   spec + revision
 * /wolfpack/desired/revisions/{service}/{revision}  ServiceSpec     the spec each revision ran, kept for history
 * /wolfpack/desired/instances/{service}/{instance}  Instance        placement: node, revision, host ports
 * /wolfpack/desired/nodes/{node}                    NodeControl     cordoned / draining, set by an operator
 * /wolfpack/desired/routes/{route}                  RouteDefinition a route file as applied
 * /wolfpack/observed/instances/{service}/{instance} InstanceStatus  what the agent sees
 * /wolfpack/observed/unplaced/{service}             text            why instances wait for a node
 * /wolfpack/nodes/{node}                            NodeInfo        what the agent registered
 * /wolfpack/events/e-{id}                           Event or [Event] persistent sequential: one transaction's events, trimmed
 * /wolfpack/leader                                  (latch)         leader election among servers
 * </pre>
 */
public final class ZkPaths {
    public static final String ROOT = "/wolfpack";
    public static final String SERVICES = ROOT + "/desired/services";
    public static final String REVISIONS = ROOT + "/desired/revisions";
    public static final String INSTANCES = ROOT + "/desired/instances";
    public static final String NODE_CONTROLS = ROOT + "/desired/nodes";
    public static final String ROUTES = ROOT + "/desired/routes";
    public static final String STATUSES = ROOT + "/observed/instances";
    public static final String UNPLACED = ROOT + "/observed/unplaced";
    public static final String NODES = ROOT + "/nodes";
    public static final String EVENTS = ROOT + "/events";
    public static final String EVENT_PREFIX = EVENTS + "/e-";
    public static final String LEADER = ROOT + "/leader";

    /** Folders that must exist before anything is written or watched. */
    public static final String[] FOLDERS = {SERVICES, REVISIONS, INSTANCES, NODE_CONTROLS, ROUTES, STATUSES, UNPLACED, NODES, EVENTS};

    private ZkPaths() {
    }

    public static String service(String name) {
        return SERVICES + "/" + name;
    }

    public static String revisionsOf(String service) {
        return REVISIONS + "/" + service;
    }

    public static String revision(String service, long revision) {
        return revisionsOf(service) + "/" + revision;
    }

    public static String instancesOf(String service) {
        return INSTANCES + "/" + service;
    }

    public static String instance(String service, String id) {
        return instancesOf(service) + "/" + id;
    }

    public static String nodeControl(String node) {
        return NODE_CONTROLS + "/" + node;
    }

    public static String route(String name) {
        return ROUTES + "/" + name;
    }

    public static String statusesOf(String service) {
        return STATUSES + "/" + service;
    }

    public static String status(String service, String id) {
        return statusesOf(service) + "/" + id;
    }

    public static String unplaced(String service) {
        return UNPLACED + "/" + service;
    }

    public static String node(String name) {
        return NODES + "/" + name;
    }

    /** What a path names, for the cache that mirrors the tree. */
    public sealed interface Key permits ServiceKey, RevisionKey, InstanceKey, NodeControlKey, RouteKey, StatusKey, UnplacedKey, NodeKey, EventKey {
    }

    public record ServiceKey(String service) implements Key { }

    public record RevisionKey(String service, long revision) implements Key { }

    public record InstanceKey(String service, String instance) implements Key { }

    public record NodeControlKey(String node) implements Key { }

    public record RouteKey(String route) implements Key { }

    public record StatusKey(String service, String instance) implements Key { }

    public record UnplacedKey(String service) implements Key { }

    public record NodeKey(String node) implements Key { }

    /**
     * One znode of the event log: the events of one transaction, written together (a report that
     * starts ten instances writes one znode, not ten). ZooKeeper numbers sequential nodes from 0;
     * ids start at 1 so that "after 0" means "from the start". The events in it are numbered
     * {@link #eventSeq}.
     */
    public record EventKey(long id) implements Key { }

    /** Events one znode holds at most; a batch with more writes several. */
    public static final int EVENTS_PER_ZNODE = 1000;

    /**
     * The sequence number of the {@code position}th event of znode {@code id}: ascending in the
     * order events were written, across znodes, and stable (the cursor of `wolfpack events`).
     */
    public static long eventSeq(long id, int position) {
        return id * EVENTS_PER_ZNODE + position;
    }

    /** The znode holding the event numbered {@code seq}. */
    public static long eventZnode(long seq) {
        return seq / EVENTS_PER_ZNODE;
    }

    public static String event(long id) {
        return EVENT_PREFIX + String.format("%010d", id - 1);
    }

    /** One service's folders of revisions, instances and statuses. */
    public static List<String> serviceFolders(String service) {
        return List.of(revisionsOf(service), instancesOf(service), statusesOf(service));
    }

    /** Whether the path is one service's folder of instances, statuses or revisions ({@link #serviceFolders}). */
    public static boolean isServiceFolder(String path) {
        for (String parent : new String[]{INSTANCES, STATUSES, REVISIONS}) {
            if (path.length() > parent.length() + 1 && path.startsWith(parent) && path.charAt(parent.length()) == '/'
                    && path.indexOf('/', parent.length() + 1) < 0) {
                return true;
            }
        }
        return false;
    }

    /** The key a data-bearing path names; empty for folders and anything else. */
    public static Optional<Key> parse(String path) {
        String[] p = path.split("/");
        // p[0] is "" (leading slash), p[1] is "wolfpack"
        if (p.length < 3 || !p[1].equals("wolfpack")) return Optional.empty();
        if (p.length == 5 && p[2].equals("desired") && p[3].equals("services")) return Optional.of(new ServiceKey(p[4]));
        if (p.length == 6 && p[2].equals("desired") && p[3].equals("revisions") && p[5].matches("\\d{1,18}")) {
            return Optional.of(new RevisionKey(p[4], Long.parseLong(p[5])));
        }
        if (p.length == 6 && p[2].equals("desired") && p[3].equals("instances")) return Optional.of(new InstanceKey(p[4], p[5]));
        if (p.length == 5 && p[2].equals("desired") && p[3].equals("nodes")) return Optional.of(new NodeControlKey(p[4]));
        if (p.length == 5 && p[2].equals("desired") && p[3].equals("routes")) return Optional.of(new RouteKey(p[4]));
        if (p.length == 6 && p[2].equals("observed") && p[3].equals("instances")) return Optional.of(new StatusKey(p[4], p[5]));
        if (p.length == 5 && p[2].equals("observed") && p[3].equals("unplaced")) return Optional.of(new UnplacedKey(p[4]));
        if (p.length == 4 && p[2].equals("nodes")) return Optional.of(new NodeKey(p[3]));
        if (p.length == 4 && p[2].equals("events") && p[3].startsWith("e-")) {
            try {
                return Optional.of(new EventKey(Long.parseLong(p[3].substring(2)) + 1));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}
