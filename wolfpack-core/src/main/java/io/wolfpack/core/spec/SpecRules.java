package io.wolfpack.core.spec;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The text rules of the spec. Each check returns null when the text is fine, or the problem as a
 * sentence that says what is allowed.
 */
final class SpecRules {
    static final Pattern SERVICE_NAME = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    static final Pattern PORT_NAME = Pattern.compile("[a-z0-9]([a-z0-9-]{0,13}[a-z0-9])?");
    static final Pattern ENV_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    static final Pattern LABEL_KEY = Pattern.compile("[a-z0-9._/-]+");
    private static final Pattern HOST_LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final int MAX_HOST_LENGTH = 253;
    private static final int CPU_MILLI_MAX = 256_000;

    static final String SERVICE_NAME_ALLOWED =
            "lower-case letters, digits and '-', starting and ending with a letter or digit, at most 63 characters";
    static final String PORT_NAME_ALLOWED =
            "lower-case letters, digits and '-', starting and ending with a letter or digit, at most 15 characters";
    static final String CPU_ALLOWED = "a number of cores more than 0 and at most 256 (e.g. 0.25), or millicores (e.g. 250m)";

    private SpecRules() {
    }

    static String serviceName(String name) {
        return label(name, SERVICE_NAME, SERVICE_NAME_ALLOWED);
    }

    static String portName(String name) {
        return label(name, PORT_NAME, PORT_NAME_ALLOWED);
    }

    private static String label(String text, Pattern pattern, String allowed) {
        if (pattern.matcher(text).matches()) return null;
        String lower = text.toLowerCase(Locale.ROOT);
        if (!lower.equals(text) && pattern.matcher(lower).matches()) {
            return "lower-case only: use '" + lower + "'";
        }
        return "must be " + allowed;
    }

    /** A host name the router matches on: "web.example.com" or a wildcard "*.example.com". */
    static String host(String host) {
        if (host.isEmpty()) return "must not be empty: a host name such as web.local";
        if (host.contains(":")) return "must not carry a port: the router listens on its own port; write just the host name";
        if (host.contains("/")) return "must be just the host name; put the path in route.path";
        if (!host.toLowerCase(Locale.ROOT).equals(host)) return "lower-case only: use '" + host.toLowerCase(Locale.ROOT) + "'";
        if (host.length() > MAX_HOST_LENGTH) return "must be at most " + MAX_HOST_LENGTH + " characters";
        String rest = host.startsWith("*.") ? host.substring(2) : host;
        for (String part : rest.split("\\.", -1)) {
            if (!HOST_LABEL.matcher(part).matches()) {
                return "must be a host name (dot-separated parts of lower-case letters, digits and '-') "
                        + "or a wildcard such as *.example.com";
            }
        }
        return null;
    }

    /** A URL path prefix: "/" or "/api". */
    static String path(String path) {
        if (!path.startsWith("/")) return "must start with '/', e.g. /healthz";
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (Character.isWhitespace(c) || c == '?' || c == '#') {
                return "must be a plain path without spaces, '?' or '#'";
            }
        }
        return null;
    }

    /** Parses "250m" to 0.25 cores; null when it is not millicore text or out of range. */
    static Double milliCores(String text) {
        if (!text.matches("[0-9]{1,7}m")) return null;
        int milli = Integer.parseInt(text.substring(0, text.length() - 1));
        return milli < 1 || milli > CPU_MILLI_MAX ? null : milli / 1000.0;
    }

    /** Cores as a number: more than 0 (at least one millicore, the scheduler's unit) and at most 256. */
    static String cores(double cores) {
        if (cores < 0.001 || cores > 256) return "must be " + CPU_ALLOWED;
        return null;
    }
}
