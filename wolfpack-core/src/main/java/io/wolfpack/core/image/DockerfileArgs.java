package io.wolfpack.core.image;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The ARGs declared before the first FROM, and the substitution of {@code $NAME}, {@code ${NAME}},
 * {@code ${NAME:-word}}, {@code ${NAME-word}}, {@code ${NAME:+word}} and {@code ${NAME+word}} in FROM
 * lines. Build args are never passed by Wolfpack, so the defaults written are the values built.
 */
final class DockerfileArgs {
    /** Set by the builder for each target platform; only meaningful in --platform, kept as written there. */
    static final Set<String> PLATFORM_ARGS = Set.of("BUILDPLATFORM", "BUILDOS", "BUILDARCH", "BUILDVARIANT",
            "TARGETPLATFORM", "TARGETOS", "TARGETARCH", "TARGETVARIANT");

    private final char escape;
    private final Map<String, String> values = new LinkedHashMap<>(); // null value: declared without a default

    DockerfileArgs(char escape) {
        this.escape = escape;
    }

    /** Reads one ARG instruction: {@code ARG NAME[=default] [NAME2[=default]...]}. */
    void declare(String arguments, int line) {
        var words = DockerfileLexer.words(arguments);
        if (words.isEmpty()) throw new DockerfileException(line, "ARG needs a name: ARG NAME or ARG NAME=default");
        for (String word : words) {
            int eq = word.indexOf('=');
            String name = eq < 0 ? word : word.substring(0, eq);
            if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new DockerfileException(line, "ARG name '" + name + "' must be letters, digits and '_', not starting with a digit");
            }
            String value = eq < 0 ? null : substitute(DockerfileLexer.unquote(word.substring(eq + 1)), line, "ARG " + name, Set.of());
            values.put(name, value);
        }
    }

    /**
     * Replaces variables in {@code text}. Names in {@code keep} stay as written when not declared.
     * A plain reference to an undeclared ARG, or to one without a default, is an error that names it.
     */
    String substitute(String text, int line, String where, Set<String> keep) {
        StringBuilder out = new StringBuilder();
        int k = 0;
        while (k < text.length()) {
            char c = text.charAt(k);
            if (c == escape && k + 1 < text.length() && text.charAt(k + 1) == '$') {
                out.append('$');
                k += 2;
            } else if (c != '$' || k + 1 >= text.length()) {
                out.append(c);
                k++;
            } else if (text.charAt(k + 1) == '{') {
                int close = closingBrace(text, k + 2);
                if (close < 0) throw new DockerfileException(line, where + ": '${' at '" + text.substring(k) + "' has no closing '}'");
                out.append(expand(text.substring(k + 2, close), text.substring(k, close + 1), line, where, keep));
                k = close + 1;
            } else {
                int end = k + 1;
                while (end < text.length() && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_')) end++;
                if (end == k + 1) {
                    out.append(c);
                    k++;
                } else {
                    String name = text.substring(k + 1, end);
                    out.append(expand(name, text.substring(k, end), line, where, keep));
                    k = end;
                }
            }
        }
        return out.toString();
    }

    private String expand(String inner, String written, int line, String where, Set<String> keep) {
        int n = 0;
        while (n < inner.length() && (Character.isLetterOrDigit(inner.charAt(n)) || inner.charAt(n) == '_')) n++;
        String name = inner.substring(0, n);
        if (name.isEmpty()) throw new DockerfileException(line, where + ": '" + written + "' does not name a variable");
        String rest = inner.substring(n);
        String op = rest.startsWith(":-") || rest.startsWith(":+") ? rest.substring(0, 2)
                : rest.startsWith("-") || rest.startsWith("+") ? rest.substring(0, 1) : rest;
        if (!op.isEmpty() && !op.equals(":-") && !op.equals(":+") && !op.equals("-") && !op.equals("+")) {
            throw new DockerfileException(line, where + ": '" + written + "' uses a form Wolfpack does not read; use ${"
                    + name + "}, ${" + name + ":-default} or ${" + name + ":+value}");
        }
        String word = op.isEmpty() ? "" : substitute(rest.substring(op.length()), line, where, keep);
        boolean declared = values.containsKey(name);
        if (!declared && keep.contains(name)) return written;
        String value = values.get(name);
        switch (op) {
            case ":-": return value == null || value.isEmpty() ? word : value;
            case "-": return value == null ? word : value;
            case ":+": return value == null || value.isEmpty() ? "" : word;
            case "+": return value == null ? "" : word;
            default:
                if (!declared) {
                    throw new DockerfileException(line, where + " uses " + written + ", but no ARG " + name
                            + " is declared before the first FROM (ARGs inside a stage do not reach FROM lines)");
                }
                if (value == null) {
                    throw new DockerfileException(line, where + " uses " + written + ", but ARG " + name
                            + " has no default value; write ARG " + name + "=value or ${" + name + ":-default}");
                }
                return value;
        }
    }

    private static int closingBrace(String text, int from) {
        int depth = 1;
        for (int k = from; k < text.length(); k++) {
            if (text.charAt(k) == '{') depth++;
            if (text.charAt(k) == '}' && --depth == 0) return k;
        }
        return -1;
    }
}
