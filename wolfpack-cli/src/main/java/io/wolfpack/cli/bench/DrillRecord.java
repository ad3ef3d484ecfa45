package io.wolfpack.cli.bench;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything one fault drill recorded, raw; {@link DrillResult#of} turns it into the numbers.
 * Times are {@link System#nanoTime()} values of this JVM.
 *
 * @param fault            {@code kill} or {@code cut}
 * @param deadNode         the failed host's node name (h2)
 * @param deadHost         its address (10.213.0.12)
 * @param faultNanos       just before the fault command started (the drill's zero)
 * @param faultWall        the same moment on the wall clock, to place the server's events
 * @param faultDoneNanos   when the fault command returned
 * @param restoreNanos     just before the restore command started (start-host / heal-host), 0 if never
 * @param instanceNodes    every instance seen during the drill and its node
 * @param attemptViews     each way the drill had of seeing attempts at the failed host
 * @param convergedNanos   when the service was back to exactly {@code replicas}, all routable, one container each; 0 if never
 * @param containersAfter  running containers of the service per host at the end
 * @param events           the server's events from the warm-up on: every node's, and the drill service's
 */
record DrillRecord(String fault, String deadNode, String deadHost, int replicas,
                   long faultNanos, Instant faultWall, long faultDoneNanos, long restoreNanos,
                   List<DrillRequest> requests, Map<String, String> instanceNodes, List<AttemptView> attemptViews,
                   List<DrillServerWatch.RouteSample> routes, List<DrillServerWatch.ServiceSample> services,
                   long convergedNanos, Map<String, Integer> containersAfter, List<ServerEvent> events) {

    /**
     * One way of seeing attempts at the failed host: when it saw one, or why it could not look.
     *
     * @param seenAt when it saw an attempt (each sample that showed at least one)
     * @param note   what else it says, for the report (may be empty)
     */
    record AttemptView(String source, String unavailable, List<Long> seenAt, String note) {
    }

    /** A server event (node.suspect, instance.backoff, ...); node and message may be null. */
    record ServerEvent(String type, String node, Instant time, String message) {
    }
}
