package io.wolfpack.cli.commands;

import io.wolfpack.cli.commands.FakeApi.Response;
import io.wolfpack.client.ApiClient;
import io.wolfpack.client.ApiException;
import io.wolfpack.core.api.EventPage;
import io.wolfpack.core.model.Event;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventFollowerTest {
    final List<Event> seen = new ArrayList<>();
    final List<Duration> slept = new ArrayList<>();
    final StringWriter err = new StringWriter();

    /** A feed that answers from a script: a page, or an exception to throw. */
    static final class ScriptedSource implements EventFollower.Source {
        final Deque<Object> script = new ArrayDeque<>();
        final List<Long> afters = new ArrayList<>();

        ScriptedSource then(Object pageOrException) {
            script.add(pageOrException);
            return this;
        }

        @Override
        public EventPage next(long after, Duration wait, int limit) {
            afters.add(after);
            Object next = script.poll();
            if (next instanceof RuntimeException e) throw e;
            return next == null ? new EventPage(List.of(), after) : (EventPage) next;
        }

        BooleanSupplier untilScriptEnds() {
            return () -> !script.isEmpty();
        }
    }

    private EventFollower follower(EventFollower.Source source) {
        return new EventFollower(source, seen::add, new PrintWriter(err, true), slept::add);
    }

    private static EventPage page(long... seqs) {
        List<Event> events = new ArrayList<>();
        for (long s : seqs) events.add(Fixtures.event(s, "instance.started", null));
        return new EventPage(events, seqs.length == 0 ? 0 : seqs[seqs.length - 1]);
    }

    @Test
    void followsFromTheLastSequenceSeen() {
        ScriptedSource source = new ScriptedSource().then(page(5, 6)).then(page(7));

        follower(source).follow(4, Duration.ofSeconds(30), source.untilScriptEnds());

        assertThat(seen).extracting(Event::seq).containsExactly(5L, 6L, 7L);
        assertThat(source.afters).containsExactly(4L, 6L);
    }

    @Test
    void survivesAServerRestartWithGrowingCappedRetriesAndSaysSo() {
        ApiException down = new ApiException(0, "cannot reach the Wolfpack server at http://127.0.0.1:7700", null, null);
        ScriptedSource source = new ScriptedSource().then(page(1)).then(down).then(down).then(down).then(down).then(down)
                .then(new ApiException(503, "not ready: ZooKeeper unreachable", null, null)).then(page(2));

        follower(source).follow(0, Duration.ofSeconds(30), source.untilScriptEnds());

        assertThat(seen).extracting(Event::seq).containsExactly(1L, 2L);
        assertThat(slept).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4),
                Duration.ofSeconds(8), Duration.ofSeconds(10), Duration.ofSeconds(10));
        assertThat(err.toString()).contains("lost the event feed: cannot reach the Wolfpack server", "retrying in 1s",
                "event feed is back; following from event 1");
        assertThat(source.afters).last().isEqualTo(1L);
    }

    @Test
    void followsTheNewSequenceWhenARestartedServerStartsOver() {
        ApiException down = new ApiException(0, "cannot reach", null, null);
        ScriptedSource source = new ScriptedSource().then(page(41, 42)).then(down)
                .then(new EventPage(List.of(), 3)).then(page(4));

        follower(source).follow(40, Duration.ofSeconds(30), source.untilScriptEnds());

        assertThat(seen).extracting(Event::seq).containsExactly(41L, 42L, 4L);
        assertThat(err.toString()).contains("sequence restarted at 3");
    }

    @Test
    void errorsThatRetryingCannotFixEndTheCommand() {
        ScriptedSource source = new ScriptedSource().then(new ApiException(401, "wrong token", null, null)).then(page(1));

        assertThatThrownBy(() -> follower(source).follow(0, Duration.ofSeconds(30), source.untilScriptEnds()))
                .isInstanceOf(ApiException.class).hasMessage("wrong token");
    }

    @Test
    void worksAgainstTheHttpFeedThroughTheApiClient() throws IOException {
        AtomicInteger calls = new AtomicInteger();
        try (FakeApi api = new FakeApi()) {
            api.on("GET", "/v1/events", r -> switch (calls.incrementAndGet()) {
                case 1 -> Response.error(503, "server not ready: ZooKeeper at 127.0.0.1:2181 unreachable", null);
                case 2 -> Response.json(200, page(1, 2));
                default -> Response.json(200, new EventPage(List.of(), 2));
            });
            ApiClient client = new ApiClient(api.url(), "t");

            follower(client::events).follow(0, Duration.ofMillis(10), () -> calls.get() < 3);

            assertThat(seen).extracting(Event::seq).containsExactly(1L, 2L);
            assertThat(err.toString()).contains("ZooKeeper at 127.0.0.1:2181 unreachable");
            assertThat(api.requests("GET", "/v1/events").get(0).query()).isEqualTo("after=0&limit=100&wait=10ms");
        }
    }
}
