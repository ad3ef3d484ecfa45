package io.wolfpack.cli.commands;

import io.wolfpack.cli.WolfpackCommand;
import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/** Runs {@code wolfpack ARGS} in-process with a fixed clock, a chosen environment and stdin; captures output. */
final class CliRunner {
    static final Instant NOW = Instant.parse("2026-11-25T18:10:00Z");

    record Run(int code, String out, String err) {
    }

    private Map<String, String> env = Map.of();
    private String stdin = "";

    CliRunner env(Map<String, String> e) {
        this.env = e;
        return this;
    }

    CliRunner stdin(String s) {
        this.stdin = s;
        return this;
    }

    Run run(String... args) {
        ClientContext ctx = new ClientContext(env, Clock.fixed(NOW, ZoneOffset.UTC),
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        CommandLine cli = WolfpackCommand.commandLine(List.of(), ctx);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    /** Runs a client command against {@code api} with a token on the command line. */
    static Run against(FakeApi api, String... args) {
        String[] full = new String[args.length + 4];
        System.arraycopy(args, 0, full, 0, args.length);
        full[args.length] = "--addr";
        full[args.length + 1] = api.url();
        full[args.length + 2] = "--token";
        full[args.length + 3] = "s3cret";
        return new CliRunner().run(full);
    }
}
