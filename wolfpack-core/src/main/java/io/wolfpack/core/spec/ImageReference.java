package io.wolfpack.core.spec;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A Docker image reference, {@code [registry/]repository[:tag][@sha256:digest]}, following the
 * grammar of the distribution project: the first path part is a registry when it holds a '.' or
 * a ':' or is "localhost"; the repository is lower-case. {@code registry}, {@code tag} and
 * {@code digest} are null when not written.
 */
public record ImageReference(String registry, String repository, String tag, String digest) {
    public static final String ALLOWED = "[registry[:port]/]repository[:tag][@sha256:digest], e.g. registry.local:5000/web:1.4";
    private static final int MAX_NAME_LENGTH = 255;
    private static final String COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
    private static final Pattern REGISTRY = Pattern.compile(COMPONENT + "(?:\\." + COMPONENT + ")*(?::[0-9]{1,5})?");
    private static final String PATH_COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
    private static final Pattern REPOSITORY = Pattern.compile(PATH_COMPONENT + "(?:/" + PATH_COMPONENT + ")*");
    private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
    private static final Pattern DIGEST = Pattern.compile("sha256:[a-f0-9]{64}");

    /** Parses a reference; throws IllegalArgumentException whose message says what is wrong and what is allowed. */
    public static ImageReference parse(String text) {
        if (text == null || text.isEmpty()) throw new IllegalArgumentException("must not be empty: use " + ALLOWED);
        if (text.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("must not contain spaces: use " + ALLOWED);
        }
        String rest = text;
        String digest = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = rest.substring(at + 1);
            rest = rest.substring(0, at);
            if (!DIGEST.matcher(digest).matches()) {
                throw new IllegalArgumentException("digest '" + digest + "' must be sha256: followed by 64 lower-case hex digits");
            }
        }
        String tag = null;
        int colon = rest.lastIndexOf(':');
        if (colon > rest.lastIndexOf('/')) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
            if (!TAG.matcher(tag).matches()) {
                throw new IllegalArgumentException("tag '" + tag + "' must be letters, digits, '_', '.' or '-' (not starting with '.' or '-'), at most 128 characters");
            }
        }
        if (rest.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("name is longer than " + MAX_NAME_LENGTH + " characters");
        }
        String registry = null;
        int slash = rest.indexOf('/');
        if (slash >= 0) {
            String first = rest.substring(0, slash);
            if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
                registry = first;
                rest = rest.substring(slash + 1);
                if (!REGISTRY.matcher(registry).matches()) {
                    throw new IllegalArgumentException("registry '" + registry + "' must be a host name with an optional :port");
                }
            }
        }
        if (!REPOSITORY.matcher(rest).matches()) {
            if (REPOSITORY.matcher(rest.toLowerCase(Locale.ROOT)).matches()) {
                throw new IllegalArgumentException("repository '" + rest + "' must be lower-case: use '" + rest.toLowerCase(Locale.ROOT) + "'");
            }
            throw new IllegalArgumentException("repository '" + rest + "' must be lower-case letters and digits, separated by '.', '_', '-' or '/'; use " + ALLOWED);
        }
        return new ImageReference(registry, rest, tag, digest);
    }

    @Override
    public String toString() {
        return (registry == null ? "" : registry + "/") + repository
                + (tag == null ? "" : ":" + tag) + (digest == null ? "" : "@" + digest);
    }
}
