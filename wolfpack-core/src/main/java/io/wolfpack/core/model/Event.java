package io.wolfpack.core.model;

import java.time.Instant;

/**
 * Something that happened, for people: {@code type} such as "instance.backoff"; service, instance
 * and node are null where they do not apply. {@code seq} orders events cluster-wide.
 */
public record Event(long seq, Instant time, String type, String service, String instance, String node,
                    String message) {
    public Event withSeq(long newSeq) {
        return new Event(newSeq, time, type, service, instance, node, message);
    }
}
