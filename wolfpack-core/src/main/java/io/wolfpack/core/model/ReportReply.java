package io.wolfpack.core.model;

import io.wolfpack.core.spec.TimeSpan;

/** The server's answer to an agent's report: how long to wait before the next one. */
public record ReportReply(TimeSpan heartbeatInterval) {
}
