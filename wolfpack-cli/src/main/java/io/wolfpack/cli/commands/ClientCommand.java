package io.wolfpack.cli.commands;

import io.wolfpack.client.ApiClient;
import io.wolfpack.client.ApiException;
import io.wolfpack.core.json.Json;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * What every client command has: the shared connection options, the process context and the
 * picocli output streams. Failures are thrown ({@link ApiException}, {@link CliException}) and
 * rendered in one place, {@link ErrorHandler}.
 */
abstract class ClientCommand implements Callable<Integer> {
    @Mixin
    ClientOptions connection;

    @Spec
    CommandSpec spec;

    final ClientContext context;

    ClientCommand(ClientContext context) {
        this.context = context;
        this.connection = new ClientOptions(context);
    }

    ApiClient api() {
        return connection.client();
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** Prints text that already ends in a newline, and flushes so pipes see it at once. */
    void print(String text) {
        out().print(text);
        out().flush();
    }

    void printJson(Object value) {
        print(Json.pretty(value) + "\n");
    }
}
