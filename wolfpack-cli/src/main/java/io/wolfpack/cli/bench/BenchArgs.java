package io.wolfpack.cli.bench;

import io.wolfpack.core.spec.TimeSpan;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * {@code --name value} arguments of the benchmark mains. Every option must be read with a default;
 * {@link #checkAllUsed} then refuses any option the program does not know, so a typo is not
 * silently ignored.
 */
final class BenchArgs {
    private final String program;
    private final Map<String, String> values = new HashMap<>();
    private final Set<String> used = new LinkedHashSet<>();

    BenchArgs(String program, String[] args) {
        this.program = program;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) throw new IllegalArgumentException(program + ": expected --option, got '" + a + "'");
            int eq = a.indexOf('=');
            if (eq > 0) {
                values.put(a.substring(2, eq), a.substring(eq + 1));
            } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                values.put(a.substring(2), args[++i]);
            } else {
                values.put(a.substring(2), "true");
            }
        }
    }

    String string(String name, String fallback) {
        used.add(name);
        return values.getOrDefault(name, fallback);
    }

    int integer(String name, int fallback) {
        String raw = string(name, null);
        if (raw == null) return fallback;
        try {
            int v = Integer.parseInt(raw.replace(",", "").replace("_", ""));
            if (v < 0) throw new NumberFormatException("negative");
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(program + ": --" + name + " " + raw + " is not a whole number >= 0");
        }
    }

    Duration duration(String name, Duration fallback) {
        String raw = string(name, null);
        if (raw == null) return fallback;
        try {
            return TimeSpan.parse(raw).toDuration();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(program + ": --" + name + " " + raw + " is not a duration like 500ms, 1s, 2m");
        }
    }

    boolean flag(String name) {
        return Boolean.parseBoolean(string(name, "false"));
    }

    void checkAllUsed() {
        for (String k : values.keySet()) {
            if (!used.contains(k)) {
                throw new IllegalArgumentException(program + ": unknown option --" + k + "; known: --" + String.join(", --", used));
            }
        }
    }
}
