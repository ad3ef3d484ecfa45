package io.wolfpack.cli.bench;

/**
 * When the heartbeats of one event loop's share of the fleet are due. Node k of N (counted from
 * 0 over the whole fleet) reports at k × interval / N into every interval, so the fleet's reports
 * are spread evenly; the fleet is dealt out to L loops round-robin (node k to loop k mod L), so
 * each loop's nodes are spread evenly too.
 *
 * @param intervalNanos the heartbeat interval
 * @param fleetSize     N, nodes in the whole fleet
 * @param loops         L, event loops the fleet is dealt out to
 * @param loop          this loop, 0 to L-1
 */
record HeartbeatSchedule(long intervalNanos, int fleetSize, int loops, int loop) {
    HeartbeatSchedule {
        if (intervalNanos <= 0 || fleetSize < 1 || loops < 1 || loop < 0 || loop >= loops) {
            throw new IllegalArgumentException("a heartbeat schedule needs interval > 0, nodes ≥ 1 and 0 ≤ loop < loops; got "
                    + intervalNanos + " ns, " + fleetSize + " nodes, loop " + loop + " of " + loops);
        }
    }

    /** How many of the fleet's nodes this loop has. */
    int size() {
        return (fleetSize - loop + loops - 1) / loops;
    }

    /** The fleet-wide index (0 to N-1) of this loop's node {@code i}. */
    int fleetIndex(int i) {
        return i * loops + loop;
    }

    /** Nanoseconds after the start at which this loop's {@code seq}-th heartbeat (from 0) is due; it is node {@code seq % size()}'s. */
    long dueNanos(long seq) {
        int n = size();
        long round = seq / n;
        long k = fleetIndex((int) (seq % n));
        return round * intervalNanos + k * intervalNanos / fleetSize;
    }
}
