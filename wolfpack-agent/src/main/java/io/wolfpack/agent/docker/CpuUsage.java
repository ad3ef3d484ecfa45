package io.wolfpack.agent.docker;

import java.time.Instant;

/**
 * One reading of a container's CPU counter from the engine: the CPU time its processes used since
 * it started, and when the engine read it. Two readings give the cores used between them.
 *
 * @param totalNanos CPU time used, all cores together, in nanoseconds
 * @param readAt     when the engine read the counter (its clock)
 */
public record CpuUsage(long totalNanos, Instant readAt) {
}
