package io.wolfpack.core.api;

import io.wolfpack.core.model.Event;

import java.util.List;

/** Events after a sequence number, oldest first; pass {@code last} as {@code after} to get the next page. */
public record EventPage(List<Event> events, long last) {
    public EventPage {
        events = events == null ? List.of() : List.copyOf(events);
    }
}
