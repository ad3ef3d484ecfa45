package io.wolfpack.core.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One mapping of a spec document, read field by field. Every getter returns null when the field
 * is absent or bad, and records what was wrong in {@link Problems} instead of throwing, so that a
 * single pass finds every bad field. An explicit {@code null} (YAML {@code field:}) counts as absent.
 */
final class Fields {
    private final String path;
    private final ObjectNode node;
    private final Problems problems;

    private Fields(String path, ObjectNode node, Problems problems) {
        this.path = path;
        this.node = node;
        this.problems = problems;
    }

    /**
     * Opens {@code value} found at {@code path} as a mapping whose fields may only be {@code allowed},
     * reporting each unknown field. Returns null (after reporting) when it is not a mapping.
     */
    static Fields open(String path, JsonNode value, Problems problems, List<String> allowed) {
        if (!value.isObject()) {
            problems.add(path, value, "must be a mapping with the fields " + String.join(", ", allowed) + ", not " + Problems.kind(value));
            return null;
        }
        for (Iterator<String> it = value.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!allowed.contains(key)) {
                problems.add(join(path, key), value.get(key), unknownField(key, allowed));
            }
        }
        return new Fields(path, (ObjectNode) value, problems);
    }

    static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    String path() {
        return path;
    }

    Problems problems() {
        return problems;
    }

    String at(String key) {
        return join(path, key);
    }

    /** The field's value, or null when absent or null. */
    JsonNode get(String key) {
        JsonNode v = node.get(key);
        return v == null || v.isNull() ? null : v;
    }

    boolean has(String key) {
        return get(key) != null;
    }

    /** Whether the key is written at all, even with an empty (null) value. */
    boolean written(String key) {
        return node.has(key);
    }

    /** Like {@link #section}, but a key written with no value ({@code tcp:}) is an empty mapping: all defaults. */
    Fields sectionOrEmpty(String key, List<String> allowed) {
        if (written(key) && get(key) == null) return open(at(key), node.objectNode(), problems, allowed);
        return section(key, allowed);
    }

    void problem(String key, JsonNode value, String problem) {
        problems.add(at(key), value, problem);
    }

    void missing(String key, String problem) {
        problems.missing(at(key), problem);
    }

    /** A nested mapping, or null when absent or not a mapping. */
    Fields section(String key, List<String> allowed) {
        JsonNode v = get(key);
        return v == null ? null : open(at(key), v, problems, allowed);
    }

    /** A text field; {@code hint} says what is allowed, for the message when it is not text. */
    String text(String key, String hint) {
        JsonNode v = get(key);
        if (v == null) return null;
        if (!v.isTextual()) {
            problem(key, v, "must be text (" + hint + "), not " + Problems.kind(v) + quoteHint(v));
            return null;
        }
        return v.textValue();
    }

    /** A whole number in [min, max]; text such as "3" is refused: numbers are written bare. */
    Integer integer(String key, int min, int max) {
        JsonNode v = get(key);
        if (v == null) return null;
        String range = "between " + min + " and " + max;
        if (!v.isIntegralNumber()) {
            String given = v.isNumber() ? "" : ", not " + Problems.kind(v) + unquoteHint(v);
            problem(key, v, "must be a whole number " + range + given);
            return null;
        }
        BigInteger n = v.bigIntegerValue();
        if (n.compareTo(BigInteger.valueOf(min)) < 0 || n.compareTo(BigInteger.valueOf(max)) > 0) {
            problem(key, v, "must be " + range);
            return null;
        }
        return n.intValue();
    }

    Boolean bool(String key) {
        JsonNode v = get(key);
        if (v == null) return null;
        if (!v.isBoolean()) {
            problem(key, v, "must be true or false, not " + Problems.kind(v));
            return null;
        }
        return v.booleanValue();
    }

    /** A duration such as "500ms" or "1m30s"; a bare number is refused because its unit would be a guess. */
    TimeSpan duration(String key) {
        JsonNode v = get(key);
        if (v == null) return null;
        if (!v.isTextual()) {
            String why = v.isNumber() ? "needs a unit: " : "must be ";
            problem(key, v, why + TimeSpan.ALLOWED);
            return null;
        }
        try {
            return TimeSpan.parse(v.textValue());
        } catch (IllegalArgumentException | ArithmeticException e) {
            problem(key, v, "not a duration: use " + TimeSpan.ALLOWED);
            return null;
        }
    }

    /** The items of a list field, or null when absent or not a list. */
    List<JsonNode> list(String key, String hint) {
        JsonNode v = get(key);
        if (v == null) return null;
        if (!v.isArray()) {
            problem(key, v, "must be a list (" + hint + "), not " + Problems.kind(v));
            return null;
        }
        List<JsonNode> items = new ArrayList<>();
        v.forEach(items::add);
        return items;
    }

    /** A list of text items; each bad item is reported at {@code key[i]}. Null when absent or any item is bad. */
    List<String> texts(String key, String hint) {
        List<JsonNode> items = list(key, hint);
        if (items == null) return null;
        List<String> out = new ArrayList<>();
        boolean ok = true;
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            if (item.isTextual()) {
                out.add(item.textValue());
            } else {
                problems.add(at(key) + "[" + i + "]", item, "must be text, not " + Problems.kind(item) + quoteHint(item));
                ok = false;
            }
        }
        return ok ? out : null;
    }

    /** The entries of a mapping field, in document order; null when absent or not a mapping. */
    List<Map.Entry<String, JsonNode>> entries(String key, String hint) {
        JsonNode v = get(key);
        if (v == null) return null;
        if (!v.isObject()) {
            problem(key, v, "must be a mapping (" + hint + "), not " + Problems.kind(v));
            return null;
        }
        List<Map.Entry<String, JsonNode>> out = new ArrayList<>();
        v.fields().forEachRemaining(out::add);
        return out;
    }

    /** "; write it without quotes" when text holds a number, the usual slip in YAML and JSON. */
    static String unquoteHint(JsonNode v) {
        if (!v.isTextual()) return "";
        try {
            new java.math.BigDecimal(v.textValue().strip());
            return "; write the number without quotes";
        } catch (NumberFormatException e) {
            return "";
        }
    }

    private static String quoteHint(JsonNode v) {
        return v.isValueNode() && !v.isNull() ? "; put it in quotes" : "";
    }

    /** "unknown field 'replica'; allowed: name, image, ... (did you mean 'replicas'?)" */
    static String unknownField(String key, List<String> allowed) {
        String msg = "unknown field '" + key + "'; allowed: " + String.join(", ", allowed);
        String best = null;
        int bestDistance = 3;
        for (String a : allowed) {
            int d = distance(key.toLowerCase(Locale.ROOT), a.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = a;
            }
        }
        return best == null ? msg : msg + " (did you mean '" + best + "'?)";
    }

    /** Levenshtein distance, for "did you mean" on short field names. */
    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
