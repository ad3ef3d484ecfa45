package io.wolfpack.cli.commands;

import io.wolfpack.cli.output.EventOutput;
import io.wolfpack.client.ApiClient;
import io.wolfpack.core.api.EventPage;
import io.wolfpack.core.json.Json;
import io.wolfpack.core.model.Event;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** {@code wolfpack events}: what happened in the cluster, oldest first. */
@Command(name = "events", mixinStandardHelpOptions = true,
        description = {"Print cluster events (services created and scaled, instances placed, started, exited,"
                + " backing off, healthy; nodes ready or down), oldest first. The server keeps the last 10,000.",
                "With --follow, keep printing new events until Ctrl-C; if the server goes away the command says so"
                        + " and carries on when it is back."},
        footerHeading = HelpText.EXAMPLES,
        footer = {"  wolfpack events",
                "  wolfpack events --since 420",
                "  wolfpack events --follow",
                "  wolfpack events --follow --json | jq -c 'select(.type == \"instance.backoff\")'"},
        exitCodeListHeading = HelpText.EXIT_HEADING,
        exitCodeList = {HelpText.EXIT_OK, HelpText.EXIT_ERROR, HelpText.EXIT_USAGE, HelpText.EXIT_UNREACHABLE})
public final class EventsCommand extends ClientCommand {
    static final Duration POLL_WAIT = Duration.ofSeconds(30);

    @Option(names = {"-f", "--follow"}, description = "Keep printing new events until interrupted.")
    boolean follow;

    @Option(names = "--since", paramLabel = "SEQ", defaultValue = "0",
            description = "Only events with a sequence number above SEQ (default: ${DEFAULT-VALUE}, all).")
    long since;

    @Option(names = "--json", description = "Print an EventPage {\"events\": [Event], \"last\": SEQ}; with --follow,"
            + " one Event per line (JSON Lines), since a stream cannot be one document.")
    boolean json;

    public EventsCommand(ClientContext context) {
        super(context);
    }

    @Override
    public Integer call() {
        ApiClient api = api();
        EventFollower.Source source = api::events;
        if (!follow) {
            List<Event> events = new ArrayList<>();
            long last = new EventFollower(source, events::add, err(), d -> { }).drain(since);
            if (json) printJson(new EventPage(events, last));
            else events.forEach(e -> print(EventOutput.line(e) + "\n"));
            return ExitCodes.OK;
        }
        Consumer<Event> sink = json ? e -> print(Json.text(e) + "\n") : e -> print(EventOutput.line(e) + "\n");
        EventFollower follower = new EventFollower(source, sink, err(), d -> Thread.sleep(d.toMillis()));
        // an unreachable server at the start is an error; only once following do we wait for it
        long last = follower.drain(since);
        follower.follow(last, POLL_WAIT, () -> true);
        return ExitCodes.OK;
    }
}
