package io.wolfpack.core.spec;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One placement rule over node labels, written {@code "zone == a"} or {@code "zone != c"} (spaces
 * optional). A node without the label fails an {@code ==} rule and passes a {@code !=} rule.
 */
public record PlacementConstraint(String key, boolean equal, String value) {
    public static final String ALLOWED = "'label == value' or 'label != value', e.g. 'zone != c'"
            + " (label: lower-case letters, digits, '.', '_', '/', '-'; value: letters, digits, '.', '_', '-')";
    private static final Pattern FORMAT =
            Pattern.compile("\\s*([a-z0-9._/-]+)\\s*(==|!=)\\s*([A-Za-z0-9._-]+)\\s*");

    /** Parses "zone == a"; throws IllegalArgumentException naming {@link #ALLOWED}. */
    public static PlacementConstraint parse(String text) {
        Matcher m = FORMAT.matcher(text == null ? "" : text);
        if (!m.matches()) throw new IllegalArgumentException("'" + text + "' is not a constraint: use " + ALLOWED);
        return new PlacementConstraint(m.group(1), m.group(2).equals("=="), m.group(3));
    }

    /** Whether a node whose value for {@link #key} is {@code nodeValue} (null when it has no such label) passes. */
    public boolean test(String nodeValue) {
        return equal == value.equals(nodeValue);
    }

    /** The canonical text, "key == value" or "key != value". */
    @Override
    public String toString() {
        return key + (equal ? " == " : " != ") + value;
    }
}
