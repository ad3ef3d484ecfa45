package io.wolfpack.cli.commands;

import io.wolfpack.cli.output.Format;
import io.wolfpack.client.ApiException;
import io.wolfpack.core.api.EventPage;
import io.wolfpack.core.model.Event;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Reads the event feed page by page. {@link #drain} reads what exists now; {@link #follow}
 * long-polls for more until told to stop, and outlives server restarts: while the server is
 * unreachable or not ready it says so on stderr and retries with a capped backoff.
 */
final class EventFollower {
    static final int PAGE = 100;
    static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    static final Duration MAX_RETRY = Duration.ofSeconds(10);

    /** One call to the feed: events after {@code after}, held up to {@code wait}. */
    interface Source {
        EventPage next(long after, Duration wait, int limit);
    }

    /** Waits between retries; the command sleeps, a test only records. */
    interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    private final Source source;
    private final Consumer<Event> sink;
    private final PrintWriter err;
    private final Sleeper sleeper;

    EventFollower(Source source, Consumer<Event> sink, PrintWriter err, Sleeper sleeper) {
        this.source = source;
        this.sink = sink;
        this.err = err;
        this.sleeper = sleeper;
    }

    /** Passes on every event after {@code after} that exists now; returns the last sequence number seen. */
    long drain(long after) {
        long last = after;
        while (true) {
            EventPage page = source.next(last, Duration.ZERO, PAGE);
            long before = last;
            last = emit(page, last);
            if (page.events().isEmpty() || last == before) return last;
        }
    }

    /** Long-polls with {@code wait} until {@code keepGoing} says stop or the thread is interrupted. */
    void follow(long after, Duration wait, BooleanSupplier keepGoing) {
        long last = after;
        Duration retry = FIRST_RETRY;
        boolean lost = false;
        while (keepGoing.getAsBoolean() && !Thread.currentThread().isInterrupted()) {
            EventPage page;
            try {
                page = source.next(last, wait, PAGE);
            } catch (ApiException e) {
                if (Thread.currentThread().isInterrupted() || !retryable(e)) throw e;
                err.println("lost the event feed: " + e.getMessage() + "; retrying in " + Format.age(retry));
                err.flush();
                lost = true;
                try {
                    sleeper.sleep(retry);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
                retry = retry.multipliedBy(2).compareTo(MAX_RETRY) > 0 ? MAX_RETRY : retry.multipliedBy(2);
                continue;
            }
            if (lost) {
                lost = false;
                retry = FIRST_RETRY;
                if (page.last() < last && page.events().isEmpty()) {
                    // only a restart can move the sequence backwards (its event log was reset): follow the new one
                    err.println("event feed is back, but its sequence restarted at " + page.last() + "; following from there");
                    err.flush();
                    last = page.last();
                    continue;
                }
                err.println("event feed is back; following from event " + last);
                err.flush();
            }
            last = emit(page, last);
        }
    }

    private long emit(EventPage page, long last) {
        long seen = last;
        for (Event e : page.events()) {
            if (e.seq() <= seen) continue; // a page never repeats events, but a retry after a timeout might
            sink.accept(e);
            seen = e.seq();
        }
        return Math.max(seen, page.last());
    }

    /** Worth retrying: the server is away, restarting, or behind a proxy that gave up. */
    static boolean retryable(ApiException e) {
        return e.unreachable() || e.status() == 502 || e.status() == 503 || e.status() == 504;
    }
}
