package io.wolfpack.cli.output;

import io.wolfpack.core.model.Event;

/** One event as a line: "2026-11-25T18:00:01Z instance.backoff web/web-k3x9q2 on local: exited with code 1". */
public final class EventOutput {
    private EventOutput() {
    }

    public static String line(Event e) {
        StringBuilder sb = new StringBuilder(Format.time(e.time())).append(' ').append(e.type());
        if (e.service() != null) {
            sb.append(' ').append(e.service());
            if (e.instance() != null) sb.append('/').append(e.instance());
        } else if (e.instance() != null) {
            sb.append(' ').append(e.instance());
        }
        if (e.node() != null) sb.append(" on ").append(e.node());
        if (e.message() != null && !e.message().isBlank()) sb.append(": ").append(e.message());
        return sb.toString();
    }
}
