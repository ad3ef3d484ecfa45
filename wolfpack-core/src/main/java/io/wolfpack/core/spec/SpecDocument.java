package io.wolfpack.core.spec;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.Event;

import java.io.CharConversionException;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads spec text into a tree, nothing more: syntax errors become one {@link FieldError} at
 * "(document)" with the line, column and the parser's words. Keys repeated in one mapping and a
 * second document are errors, not silently dropped.
 */
final class SpecDocument {
    // Decimals as BigDecimal keep "1.10" as written when an env value is turned into text.
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();
    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();
    private static final int MAX_LINE_SHOWN = 80;

    private SpecDocument() {
    }

    static JsonNode read(String text, SpecParser.Format format) {
        ObjectMapper mapper = mapper(format);
        try (JsonParser p = mapper.createParser(text)) {
            return readOne(mapper, p, text, format);
        } catch (IOException e) {
            throw syntaxError(e, text, format);
        }
    }

    static JsonNode read(byte[] data, SpecParser.Format format) {
        if (format == SpecParser.Format.YAML) return read(utf8(data), format);
        ObjectMapper mapper = mapper(format);
        try (JsonParser p = mapper.createParser(data)) {
            return readOne(mapper, p, null, format);
        } catch (IOException e) {
            throw syntaxError(e, new String(data, StandardCharsets.UTF_8), format);
        }
    }

    /** YAML is read from text so aliases can be checked; bytes must be UTF-8 (JSON bytes are detected by Jackson). */
    private static String utf8(byte[] data) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(data)).toString()
                    .replaceFirst("^\uFEFF", "");
        } catch (CharacterCodingException e) {
            throw single(null, "the text is not valid UTF-8; save the file as UTF-8");
        }
    }

    private static ObjectMapper mapper(SpecParser.Format format) {
        return format == SpecParser.Format.YAML ? YAML : JSON;
    }

    private static JsonNode readOne(ObjectMapper mapper, JsonParser p, String text, SpecParser.Format format) throws IOException {
        JsonNode root = mapper.readTree(p);
        if (root == null || root.isMissingNode()) {
            throw single(null, "the document is empty; a spec needs at least name and image");
        }
        if (format == SpecParser.Format.YAML) rejectAliases(text);
        if (p.nextToken() != null) {
            JsonLocation at = p.currentTokenLocation();
            String what = format == SpecParser.Format.YAML ? "a second YAML document ('---')" : "more JSON after the end of the object";
            throw single(line(text, at.getLineNr()), "found " + what + " at line " + at.getLineNr()
                    + ", column " + at.getColumnNr() + "; send one spec per document");
        }
        return root;
    }

    /**
     * Jackson reads an alias (*name) as the text "name" instead of the value it points to, which
     * would silently give a wrong spec; refuse it instead.
     */
    private static void rejectAliases(String text) {
        for (Event event : new Yaml().parse(new StringReader(text))) {
            if (event instanceof AliasEvent alias) {
                Mark at = alias.getStartMark();
                throw single(line(text, at.getLine() + 1), "YAML aliases are not supported (*" + alias.getAnchor()
                        + " at line " + (at.getLine() + 1) + ", column " + (at.getColumn() + 1) + "); write the value out in full");
            }
        }
    }

    private static SpecException syntaxError(IOException e, String text, SpecParser.Format format) {
        int line = -1;
        int column = -1;
        String message = e.getMessage();
        if (e instanceof CharConversionException || e.getCause() instanceof CharConversionException) {
            return single(null, "the text is not valid " + (e.getMessage().contains("UTF-32") ? "UTF-32" : "UTF-8") + "; save the file as UTF-8");
        }
        if (e.getCause() instanceof MarkedYAMLException y && y.getProblemMark() != null) {
            Mark mark = y.getProblemMark();
            line = mark.getLine() + 1;
            column = mark.getColumn() + 1;
            message = y.getProblem() + (y.getContext() == null ? "" : " (" + y.getContext() + ")");
        } else if (e instanceof JsonProcessingException j) {
            message = j.getOriginalMessage();
            if (j.getLocation() != null) {
                line = j.getLocation().getLineNr();
                column = j.getLocation().getColumnNr();
            }
        }
        String where = line > 0 ? " at line " + line + ", column " + column : "";
        return single(line > 0 ? line(text, line) : null, "malformed " + format + where + ": " + firstLine(message));
    }

    private static SpecException single(String value, String problem) {
        return new SpecException(java.util.List.of(new FieldError(Problems.DOCUMENT, value, problem)));
    }

    /** The text of a 1-based line, as the value of the error, so the user sees what the parser saw. */
    private static String line(String text, int number) {
        if (text == null || number < 1) return null;
        String[] lines = text.split("\r?\n", -1);
        if (number > lines.length) return null;
        String l = lines[number - 1].strip();
        return l.length() > MAX_LINE_SHOWN ? l.substring(0, MAX_LINE_SHOWN) + "..." : l;
    }

    private static String firstLine(String message) {
        if (message == null) return "unreadable";
        int nl = message.indexOf('\n');
        return (nl < 0 ? message : message.substring(0, nl)).strip();
    }
}
