package io.wolfpack.core.schedule;

import java.util.function.IntPredicate;

/**
 * Picks free host ports for one instance. It deliberately does not hand out the lowest free port:
 * the scan starts at a position derived from (node, service, ordinal) and walks forward with
 * wrap-around, so a port freed a moment ago is not the next one given out, which lowers the chance
 * that a router still holding a stale table sends old traffic to a new instance. Callers that want
 * a hard guarantee keep recently freed ports in the node's used set for a grace period.
 */
public final class PortAllocator {
    private PortAllocator() {
    }

    /**
     * {@code count} distinct ports from {@code range} for which {@code taken} is false, in scan order.
     *
     * @throws IllegalArgumentException when fewer than {@code count} ports are free
     */
    public static int[] allocate(PortRange range, IntPredicate taken, String node, String service, int ordinal, int count) {
        if (count < 0) throw new IllegalArgumentException("port count must be >= 0, got " + count);
        int[] ports = new int[count];
        if (count == 0) return ports;
        int size = range.size();
        int start = Math.floorMod(mix(node.hashCode(), service.hashCode(), ordinal), size);
        int found = 0;
        for (int step = 0; step < size && found < count; step++) {
            int port = range.first() + (start + step) % size;
            if (!taken.test(port)) ports[found++] = port;
        }
        if (found < count) {
            throw new IllegalArgumentException("only " + found + " of " + count + " host ports are free in " + range
                    + " on node " + node + ": widen the port range or free ports");
        }
        return ports;
    }

    /** A well-mixed 32-bit hash of three ints (murmur3 finaliser), stable across JVMs. */
    static int mix(int a, int b, int c) {
        int h = a * 0x9E3779B1 + b;
        h = h * 0x85EBCA77 + c;
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        h *= 0xC2B2AE35;
        h ^= h >>> 16;
        return h;
    }
}
