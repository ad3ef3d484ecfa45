package io.wolfpack.core.schedule;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A label rule from {@code placement.constraints}: "zone == a" or "zone != c". A node without the
 * label fails {@code ==} (it cannot be shown to be in zone a) and passes {@code !=}.
 */
public record Constraint(String label, boolean equal, String value) {
    private static final Pattern FORMAT = Pattern.compile("\\s*([A-Za-z0-9._/-]+)\\s*(==|!=)\\s*([A-Za-z0-9._/-]+)\\s*");
    public static final String ALLOWED = "'label == value' or 'label != value' (letters, digits, . _ / -), e.g. 'zone != c'";

    public Constraint {
        if (label == null || label.isBlank() || value == null || value.isBlank()) {
            throw new IllegalArgumentException("constraint label and value must not be blank: use " + ALLOWED);
        }
    }

    /** Parses "zone == a"; throws IllegalArgumentException quoting the text and {@link #ALLOWED}. */
    public static Constraint parse(String text) {
        Matcher m = FORMAT.matcher(text == null ? "" : text);
        if (!m.matches()) {
            throw new IllegalArgumentException("placement constraint '" + text + "' is not valid: use " + ALLOWED);
        }
        return new Constraint(m.group(1), m.group(2).equals("=="), m.group(3));
    }

    public boolean test(Map<String, String> labels) {
        String actual = labels.get(label);
        return equal ? value.equals(actual) : !value.equals(actual);
    }

    /** The canonical text, "zone != c". */
    @Override
    public String toString() {
        return label + (equal ? " == " : " != ") + value;
    }
}
