package io.wolfpack.agent.usage;

import io.wolfpack.agent.docker.CpuUsage;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * Turns each container's CPU counter readings into cores used: the growth of the counter between
 * two readings over the engine time between them (1.0 = one core busy all the time). Pure apart
 * from its memory of the last reading per container; the caller passes the time it took each.
 */
public final class CpuMeter {
    private record Last(CpuUsage reading, Double cores, Instant takenAt) {
    }

    private final Map<String, Last> byContainer = new HashMap<>();

    /** Cores used between two readings of one container, or null when they do not make a rate. */
    static Double cores(CpuUsage before, CpuUsage after) {
        long nanos = Duration.between(before.readAt(), after.readAt()).toNanos();
        long used = after.totalNanos() - before.totalNanos();
        if (nanos <= 0 || used < 0) return null;
        return used / (double) nanos;
    }

    /**
     * Takes a reading; returns the cores used since the previous one, or null for a first reading.
     * The engine answering with the same reading twice keeps the last rate.
     */
    public synchronized Double add(String containerId, CpuUsage reading, Instant takenAt) {
        Last before = byContainer.get(containerId);
        if (before != null && !reading.readAt().isAfter(before.reading().readAt())) return before.cores();
        Double cores = before == null ? null : cores(before.reading(), reading);
        byContainer.put(containerId, new Last(reading, cores, takenAt));
        return cores;
    }

    /** The last rate measured for the container, if its reading is at most {@code maxAge} old. */
    public synchronized Double cores(String containerId, Instant now, Duration maxAge) {
        Last last = byContainer.get(containerId);
        if (last == null || last.takenAt().plus(maxAge).isBefore(now)) return null;
        return last.cores();
    }

    /** Forgets containers not in this set (removed, or no longer running). */
    public synchronized void retain(Collection<String> containerIds) {
        byContainer.keySet().retainAll(containerIds);
    }
}
