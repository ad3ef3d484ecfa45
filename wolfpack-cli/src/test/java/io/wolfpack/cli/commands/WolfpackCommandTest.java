package io.wolfpack.cli.commands;

import io.wolfpack.cli.WolfpackCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;

class WolfpackCommandTest {
    @TempDir
    Path dir;

    @Test
    void helpListsTheClientCommandsExamplesAndExitCodes() {
        CliRunner.Run run = new CliRunner().run("--help");

        assertThat(run.code()).isZero();
        assertThat(run.out()).contains("Wolfpack runs stateless services", "deploy", "status", "scale", "rm", "nodes",
                "events", "logs", "Examples:", "wolfpack deploy -f web.yaml", "Exit codes:", "3   cannot reach the server");
    }

    @Test
    void helpFitsEightyColumns() {
        assertThat(new CliRunner().run("--help").out().lines()).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(80));
    }

    @Test
    void everyClientCommandHasHelpWithExamples() {
        for (String cmd : List.of("deploy", "status", "scale", "rm", "nodes", "events", "logs")) {
            CliRunner.Run run = new CliRunner().run(cmd, "--help");
            assertThat(run.code()).as(cmd).isZero();
            assertThat(run.out()).as(cmd).contains("Usage: wolfpack " + cmd, "--addr", "--token", "Examples:", "Exit codes:");
        }
    }

    @Test
    void versionNamesWolfpack() {
        CliRunner.Run run = new CliRunner().run("--version");

        assertThat(run.code()).isZero();
        assertThat(run.out()).startsWith("wolfpack ");
        assertThat(new CliRunner().run("status", "--version").out()).isEqualTo(run.out());
    }

    @Test
    void noCommandOrAnUnknownOneIsAUsageError() {
        assertThat(new CliRunner().run().code()).isEqualTo(ExitCodes.USAGE);
        CliRunner.Run unknown = new CliRunner().run("deplyo");
        assertThat(unknown.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(unknown.err()).contains("deplyo");
    }

    @Test
    void addressAndTokenComeFromTheEnvironmentAndTheTokenFile() throws IOException {
        Files.writeString(dir.resolve("token"), "file-token\n");
        try (FakeApi api = new FakeApi()) {
            api.on("GET", "/v1/nodes", FakeApi.Response.json(200, List.of()));
            String hostPort = api.url().substring("http://".length());

            CliRunner.Run run = new CliRunner().env(Map.of("WOLFPACK_ADDR", hostPort))
                    .run("nodes", "--data-dir", dir.toString());

            assertThat(run.code()).isZero();
            assertThat(api.requests.get(0).authorization()).isEqualTo("Bearer file-token");
        }
    }

    @Test
    void noTokenAnywhereIsAnErrorNamingAllThreePlacesWithoutCallingTheServer() {
        CliRunner.Run run = new CliRunner().run("status", "--addr", "http://127.0.0.1:1", "--data-dir", dir.toString());

        assertThat(run.code()).isEqualTo(ExitCodes.ERROR);
        assertThat(run.err()).startsWith("error: no cluster token: pass --token TOKEN, set WOLFPACK_TOKEN, or run where "
                + dir.resolve("token"));
    }

    @Test
    void extraSubcommandsAreRegisteredNextToTheClientOnes() {
        @Command(name = "dev", description = "all in one")
        class Dev implements Callable<Integer> {
            @Override
            public Integer call() {
                return 0;
            }
        }
        CommandLine cli = WolfpackCommand.commandLine(List.of(new Dev()));
        StringWriter out = new StringWriter();
        cli.setOut(new PrintWriter(out));

        assertThat(cli.getSubcommands()).containsKeys("dev", "deploy", "status", "help");
        assertThat(cli.execute("dev")).isZero();
    }
}
