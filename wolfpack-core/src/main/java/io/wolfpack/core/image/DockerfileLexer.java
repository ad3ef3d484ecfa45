package io.wolfpack.core.image;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits Dockerfile text into instructions the way the builder does: parser directives at the top,
 * comments dropped, lines ending in the escape character joined with the next, heredoc bodies
 * ({@code RUN <<EOF}) kept inside their instruction so their lines are never read as instructions.
 */
final class DockerfileLexer {
    private static final Pattern DIRECTIVE = Pattern.compile("^#\\s*([a-zA-Z][a-zA-Z0-9_-]*)\\s*=\\s*(.*?)\\s*$");
    private static final Pattern HEREDOC = Pattern.compile("(?<![^\\s])<<(-?)([\"']?)([A-Za-z_][A-Za-z0-9_]*)\\2");

    /** One instruction; {@code line}..{@code lastLine} are the 1-based physical lines it covers. */
    record Instruction(String keyword, String arguments, int line, int lastLine) {
    }

    record Result(char escape, List<Instruction> instructions, int lineCount) {
    }

    private DockerfileLexer() {
    }

    /** The physical lines, split the same way everywhere so line numbers agree. */
    static String[] lines(String text) {
        String t = text.startsWith("\uFEFF") ? text.substring(1) : text;
        return t.split("\r\n|\n|\r", -1);
    }

    static Result lex(String text) {
        if (text == null) throw new DockerfileException(0, "the Dockerfile is missing (no text)");
        String[] lines = lines(text);
        char escape = '\\';
        int i = 0;
        // Directives are only directives before anything else, blank lines and comments included.
        for (; i < lines.length; i++) {
            Matcher m = DIRECTIVE.matcher(lines[i].strip());
            if (!m.matches()) break;
            if (m.group(1).equalsIgnoreCase("escape")) {
                String value = m.group(2);
                if (!value.equals("\\") && !value.equals("`")) {
                    throw new DockerfileException(i + 1, "parser directive escape='" + value + "' must be \\ or `");
                }
                escape = value.charAt(0);
            }
        }
        List<Instruction> out = new ArrayList<>();
        while (i < lines.length) {
            String first = lines[i].strip();
            if (first.isEmpty() || first.startsWith("#")) {
                i++;
                continue;
            }
            int start = i;
            StringBuilder logical = new StringBuilder();
            String current = lines[i];
            while (true) {
                String trimmedEnd = current.stripTrailing();
                boolean continues = !trimmedEnd.isEmpty() && trimmedEnd.charAt(trimmedEnd.length() - 1) == escape;
                if (!continues) {
                    logical.append(current);
                    break;
                }
                logical.append(trimmedEnd, 0, trimmedEnd.length() - 1);
                i++;
                // Comment and blank lines inside a continued instruction are skipped, not ended on.
                while (i < lines.length && (lines[i].isBlank() || lines[i].strip().startsWith("#"))) i++;
                if (i >= lines.length) break;
                current = lines[i];
            }
            String body = logical.toString().strip();
            int split = indexOfWhitespace(body);
            String keyword = (split < 0 ? body : body.substring(0, split)).toUpperCase(Locale.ROOT);
            String arguments = split < 0 ? "" : body.substring(split).strip();
            int last = Math.min(i, lines.length - 1);
            // next is the 0-based index after the instruction, which is also its last line counted from 1
            int next = skipHeredocs(keyword, arguments, lines, last + 1, start + 1);
            out.add(new Instruction(keyword, arguments, start + 1, next));
            i = next;
        }
        return new Result(escape, List.copyOf(out), lines.length);
    }

    /** Consumes the bodies of heredocs opened by RUN, COPY or ADD; returns the next line index. */
    private static int skipHeredocs(String keyword, String arguments, String[] lines, int next, int line) {
        if (!keyword.equals("RUN") && !keyword.equals("COPY") && !keyword.equals("ADD")) return next;
        Matcher m = HEREDOC.matcher(arguments);
        int i = next;
        while (m.find()) {
            boolean stripTabs = !m.group(1).isEmpty();
            String word = m.group(3);
            while (true) {
                if (i >= lines.length) {
                    throw new DockerfileException(line, "heredoc <<" + word + " is never closed: end it with a line holding only " + word);
                }
                String body = stripTabs ? lines[i].replaceFirst("^\t+", "") : lines[i];
                i++;
                if (body.equals(word)) break;
            }
        }
        return i;
    }

    private static int indexOfWhitespace(String s) {
        for (int k = 0; k < s.length(); k++) {
            if (Character.isWhitespace(s.charAt(k))) return k;
        }
        return -1;
    }

    /** Splits arguments on whitespace outside quotes; quotes are kept (callers unquote where it matters). */
    static List<String> words(String arguments) {
        List<String> words = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        char quote = 0;
        for (int k = 0; k < arguments.length(); k++) {
            char c = arguments.charAt(k);
            if (quote != 0) {
                if (c == quote) quote = 0;
                w.append(c);
            } else if (c == '"' || c == '\'') {
                quote = c;
                w.append(c);
            } else if (Character.isWhitespace(c)) {
                if (w.length() > 0) words.add(w.toString());
                w.setLength(0);
            } else {
                w.append(c);
            }
        }
        if (w.length() > 0) words.add(w.toString());
        return words;
    }

    /** Removes one pair of surrounding quotes, if any. */
    static String unquote(String s) {
        if (s.length() >= 2 && (s.charAt(0) == '"' || s.charAt(0) == '\'') && s.charAt(s.length() - 1) == s.charAt(0)) {
            return s.substring(1, s.length() - 1);
        }
        return s;
    }
}
