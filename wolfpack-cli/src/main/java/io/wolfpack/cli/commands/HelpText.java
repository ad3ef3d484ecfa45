package io.wolfpack.cli.commands;

/** Help text shared by the commands' annotations (annotation values must be constants). */
public final class HelpText {
    public static final String EXIT_HEADING = "%nExit codes:%n";
    public static final String EXIT_OK = "0:success";
    public static final String EXIT_ERROR = "1:the server rejected the request, or bad input (spec file, token)";
    public static final String EXIT_USAGE = "2:usage error (unknown option, missing argument)";
    public static final String EXIT_UNREACHABLE = "3:cannot reach the server (see --addr)";
    public static final String EXAMPLES = "%nExamples:%n";
    public static final String JSON = "Print exactly the API's JSON (pretty-printed), for scripts; see docs/API.md for the shape.";

    private HelpText() {
    }
}
