package io.wolfpack.core.events;

import io.wolfpack.core.model.Event;
import io.wolfpack.core.model.Health;
import io.wolfpack.core.model.InstanceState;
import io.wolfpack.core.model.InstanceStatus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Turns a change in an instance's reported status into events for people. Only transitions make
 * events, so a status reported every second makes none while nothing changes.
 */
public final class StatusEvents {

    private StatusEvents() {
    }

    /** Events for the step from {@code before} (null if never reported) to {@code after}. */
    public static List<Event> between(InstanceStatus before, InstanceStatus after, Instant now) {
        List<Event> out = new ArrayList<>();
        InstanceState was = before == null ? null : before.state();
        boolean newContainer = before != null && !Objects.equals(before.containerId(), after.containerId())
                && after.containerId() != null;
        if (after.state() == InstanceState.RUNNING && (was != InstanceState.RUNNING || newContainer)) {
            String what = before == null || before.containerId() == null ? "started"
                    : newContainer ? "started in a new container" : "running again";
            out.add(event(now, "instance.started", after, what + " (container " + shortId(after.containerId())
                    + ", restarts " + after.restarts() + ")"));
        }
        boolean restartedCount = before != null && after.restarts() > before.restarts();
        if (after.state() == InstanceState.BACKOFF && (was != InstanceState.BACKOFF || restartedCount
                || !Objects.equals(before.message(), after.message()) && before.nextRetryAt() != after.nextRetryAt())) {
            String msg = after.message() == null ? "waiting before the next attempt" : after.message();
            boolean pull = msg.toLowerCase().contains("pull");
            out.add(event(now, pull ? "instance.pull-failed" : "instance.backoff", after, msg));
        }
        Health h0 = before == null ? Health.UNKNOWN : before.health();
        if (after.health() != h0) {
            boolean justStarted = !out.isEmpty() && out.get(out.size() - 1).type().equals("instance.started");
            if (after.health() == Health.PASSING && justStarted) {
                // Started and passing in one report: one event, not two (events are a write each).
                Event started = out.remove(out.size() - 1);
                out.add(event(now, "instance.started", after, started.message() + "; health check passing"));
            } else if (after.health() == Health.PASSING) out.add(event(now, "instance.healthy", after, "health check passing"));
            if (after.health() == Health.FAILING) {
                out.add(event(now, "instance.unhealthy", after, "health check failing"
                        + (after.message() == null ? "" : ": " + after.message())));
            }
        }
        return out;
    }

    private static Event event(Instant now, String type, InstanceStatus s, String message) {
        return new Event(0, now, type, s.service(), s.id(), s.node(), message);
    }

    private static String shortId(String id) {
        return id == null ? "-" : id.length() > 12 ? id.substring(0, 12) : id;
    }
}
