package io.wolfpack.cli.output;

import io.wolfpack.client.ApiException;
import io.wolfpack.core.spec.FieldError;

/**
 * Turns a failed API call into text for stderr: the server's sentence, every bad field of a
 * rejected input on its own line, and a hint where the fix is on the user's side.
 */
public final class ErrorPrinter {
    static final String TOKEN_HINT = "hint: the CLI takes the cluster token from --token, else the WOLFPACK_TOKEN"
            + " environment variable, else the file DATA_DIR/token (--data-dir, default .wolfpack);"
            + " 'wolfpack dev' writes .wolfpack/token, a server writes <its --data-dir>/token";
    static final String CONFLICT_HINT = "hint: another change to the same object won; run the command again";

    private ErrorPrinter() {
    }

    /** The text to print for {@code e}, ending in a newline. */
    public static String render(ApiException e) {
        StringBuilder sb = new StringBuilder("error: ").append(message(e)).append('\n');
        for (FieldError f : e.fields()) {
            sb.append("  - ").append(f.path()).append(": ").append(f.problem())
                    .append(f.value() == null ? " (missing)" : " (got " + f.value() + ")").append('\n');
        }
        if (e.status() == 401) sb.append(TOKEN_HINT).append('\n');
        if (e.status() == 409) sb.append(CONFLICT_HINT).append('\n');
        return sb.toString();
    }

    /** The text to print for a problem found by the CLI itself (a missing file, no token). */
    public static String render(String message) {
        return "error: " + message + "\n";
    }

    private static String message(ApiException e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? "the server answered HTTP " + e.status() + " without a message" : m;
    }
}
