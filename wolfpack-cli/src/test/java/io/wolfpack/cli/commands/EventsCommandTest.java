package io.wolfpack.cli.commands;

import io.wolfpack.cli.commands.FakeApi.Response;
import io.wolfpack.core.api.EventPage;
import io.wolfpack.core.json.Json;
import io.wolfpack.core.model.Event;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

class EventsCommandTest {
    static final Pattern AFTER = Pattern.compile("after=(\\d+)");
    FakeApi api;

    @BeforeEach
    void start() throws IOException {
        api = new FakeApi();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    /** Serves events 1..total in pages of at most 100, like the real feed. */
    private void serveEvents(int total) {
        api.on("GET", "/v1/events", r -> {
            Matcher m = AFTER.matcher(r.query());
            long after = m.find() ? Long.parseLong(m.group(1)) : 0;
            List<Event> page = LongStream.rangeClosed(after + 1, Math.min(total, after + 100))
                    .mapToObj(seq -> Fixtures.event(seq, "instance.backoff", "exited with code 1; restarting in 8s"))
                    .toList();
            return Response.json(200, new EventPage(page, page.isEmpty() ? after : page.get(page.size() - 1).seq()));
        });
    }

    @Test
    void printsEveryRetainedEventAsALineAcrossPages() {
        serveEvents(150);

        CliRunner.Run run = CliRunner.against(api, "events");

        assertThat(run.code()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines).hasSize(150);
        assertThat(lines.get(0)).isEqualTo(
                "2026-11-25T18:00:02Z instance.backoff web/web-k3x9q2 on local: exited with code 1; restarting in 8s");
        assertThat(api.requests("GET", "/v1/events")).extracting(FakeApi.Request::query)
                .allSatisfy(q -> assertThat(q).contains("wait=0ms"));
    }

    @Test
    void sinceSkipsOlderEvents() {
        serveEvents(5);

        CliRunner.Run run = CliRunner.against(api, "events", "--since", "3");

        assertThat(run.out().lines()).hasSize(2);
        assertThat(api.requests("GET", "/v1/events").get(0).query()).startsWith("after=3&");
    }

    @Test
    void jsonIsOneEventPageWithTheLastSequence() {
        serveEvents(2);

        CliRunner.Run run = CliRunner.against(api, "events", "--json");

        EventPage page = Json.read(run.out(), EventPage.class);
        assertThat(page.last()).isEqualTo(2);
        assertThat(page.events()).extracting(Event::seq).containsExactly(1L, 2L);
        assertThat(run.out()).isEqualTo(Json.pretty(page) + "\n");
    }

    @Test
    void anUnreachableServerExitsThreeWithTheClientsAdvice() throws IOException {
        String url;
        try (FakeApi gone = new FakeApi()) {
            url = gone.url();
        }

        CliRunner.Run run = new CliRunner().env(Map.of("WOLFPACK_ADDR", url, "WOLFPACK_TOKEN", "t")).run("events");

        assertThat(run.code()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(run.err()).startsWith("error: cannot reach the Wolfpack server at " + url)
                .contains("--addr or WOLFPACK_ADDR");
    }
}
