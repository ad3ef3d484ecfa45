package io.wolfpack.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A service spec as the user wrote it, sent to the server untouched (the server validates it and
 * names every bad field). YAML or JSON is chosen by the file's extension, else by its first character.
 */
record SpecFile(String text, boolean yaml, String origin) {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** Reads {@code file}, or stdin when it is "-". */
    static SpecFile read(String file, InputStream stdin) {
        return read(file, stdin, "spec file", "docs/SPEC.md");
    }

    /** As above; {@code what} names the kind of document in messages ("spec file", "route file"), {@code doc} where its fields are described. */
    static SpecFile read(String file, InputStream stdin, String what, String doc) {
        String text;
        String origin;
        try {
            if (file.equals("-")) {
                origin = "stdin";
                text = new String(stdin.readAllBytes(), StandardCharsets.UTF_8);
            } else {
                origin = file;
                text = Files.readString(Path.of(file), StandardCharsets.UTF_8);
            }
        } catch (NoSuchFileException e) {
            throw new CliException(what + " " + file + " does not exist; pass a YAML or JSON " + what + " with -f FILE, or -f - for stdin");
        } catch (IOException e) {
            throw new CliException("cannot read the " + what + " from " + file + ": " + e.getMessage(), e);
        }
        if (text.isBlank()) throw new CliException("the " + what + " from " + origin + " is empty; see " + doc + " for the fields");
        return new SpecFile(text, isYaml(file, text), origin);
    }

    static boolean isYaml(String file, String text) {
        String f = file.toLowerCase(Locale.ROOT);
        if (f.endsWith(".json")) return false;
        if (f.endsWith(".yaml") || f.endsWith(".yml")) return true;
        return !text.stripLeading().startsWith("{");
    }

    /** The service's name if the text shows one; null when it cannot tell (the server will explain). */
    String serviceName() {
        try {
            JsonNode name = YAML.readTree(text).get("name");
            return name != null && name.isTextual() && !name.asText().isBlank() ? name.asText() : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
