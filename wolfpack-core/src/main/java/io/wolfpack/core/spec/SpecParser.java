package io.wolfpack.core.spec;

import io.wolfpack.core.json.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The way in for user-written specs: YAML or JSON text to a validated {@link ServiceSpec} with
 * every default filled in, or a {@link SpecException} listing every bad field at once. The
 * canonical form ({@code Json.text(spec)}) is itself valid input and parses back to an equal spec.
 */
public final class SpecParser {

    /** The syntax of the text. YAML is a superset of JSON, so YAML also reads JSON text. */
    public enum Format {
        YAML, JSON;

        /**
         * The format for an HTTP Content-Type: the YAML media types (and {@code +yaml}) are YAML,
         * {@code application/json} (and {@code +json}) or none at all is JSON, anything else is
         * read as YAML, which accepts both.
         */
        public static Format fromContentType(String contentType) {
            if (contentType == null || contentType.isBlank()) return JSON;
            String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
            if (type.equals("application/json") || type.endsWith("+json")) return JSON;
            return YAML;
        }

        /** The format for a file name: .json is JSON, .yaml, .yml and anything else YAML. */
        public static Format fromFileName(String fileName) {
            return fileName.toLowerCase(Locale.ROOT).endsWith(".json") ? JSON : YAML;
        }
    }

    private SpecParser() {
    }

    public static ServiceSpec parse(String text, Format format) {
        return ServiceSpecReader.read(SpecDocument.read(text, format));
    }

    /** Reads a body as sent over HTTP; the encoding (UTF-8, or UTF-16/32 with a BOM) is detected. */
    public static ServiceSpec parse(byte[] data, Format format) {
        return ServiceSpecReader.read(SpecDocument.read(data, format));
    }

    /** Reads an HTTP body with its Content-Type header (may be null); see {@link Format#fromContentType}. */
    public static ServiceSpec parse(byte[] data, String contentType) {
        return parse(data, Format.fromContentType(contentType));
    }

    /** Reads a spec file, choosing the format by its extension. */
    public static ServiceSpec parseFile(Path file) throws IOException {
        return parse(Files.readAllBytes(file), Format.fromFileName(file.getFileName().toString()));
    }

    /** Checks a spec built in code (a changed copy of a stored one, say) by the same rules as user text. */
    public static ServiceSpec validate(ServiceSpec spec) {
        return parse(Json.text(spec), Format.JSON);
    }
}
