package io.wolfpack.router;

import io.wolfpack.core.route.Route;
import io.wolfpack.core.route.RouteTable;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Finds the route for a host and path. Hosts are tried from most to least specific: the exact
 * host, then wildcards from the longest suffix ({@code *.a.example.com} before
 * {@code *.example.com}), then routes for any host ("*" or empty). Within a host group the longest
 * path prefix wins, on segment boundaries; a group with no matching path falls through to the next
 * one. Routes with the same host and path keep table order. Immutable, so one instance serves all
 * event loops.
 */
public final class RouteMatcher {
    private static final Comparator<Candidate> LONGEST_PATH_FIRST =
            Comparator.comparingInt((Candidate c) -> c.prefix().length()).reversed();

    /** A route with its path prefix normalised once, so matching does no string work beyond startsWith. */
    private record Candidate(String prefix, Route route) {
    }

    private final Map<String, List<Candidate>> exact;
    private final Map<String, List<Candidate>> wildcard; // keyed by ".example.com"
    private final List<Candidate> anyHost;

    private RouteMatcher(Map<String, List<Candidate>> exact, Map<String, List<Candidate>> wildcard,
                         List<Candidate> anyHost) {
        this.exact = exact;
        this.wildcard = wildcard;
        this.anyHost = anyHost;
    }

    public static RouteMatcher of(RouteTable table) {
        Map<String, List<Candidate>> exact = new HashMap<>();
        Map<String, List<Candidate>> wildcard = new HashMap<>();
        List<Candidate> any = new ArrayList<>();
        for (Route route : table.routes()) {
            Candidate c = new Candidate(normalizePath(route.path()), route);
            String host = normalizeRouteHost(route.host());
            if (host.isEmpty() || host.equals("*")) {
                any.add(c);
            } else if (host.startsWith("*.") && host.length() > 2) {
                wildcard.computeIfAbsent(host.substring(1), k -> new ArrayList<>()).add(c);
            } else {
                exact.computeIfAbsent(host, k -> new ArrayList<>()).add(c);
            }
        }
        return new RouteMatcher(sorted(exact), sorted(wildcard), sortedCopy(any));
    }

    /** The route for this Host header value (port allowed) and request path, or null when none matches. */
    public Route match(String hostHeader, String path) {
        String host = normalizeHost(hostHeader);
        String p = path == null || path.isEmpty() ? "/" : path;
        if (!host.isEmpty()) {
            Route r = longestPrefix(exact.get(host), p);
            if (r != null) return r;
            if (!wildcard.isEmpty()) {
                // leftmost dot first: the longest suffix is the most specific wildcard
                for (int dot = host.indexOf('.'); dot >= 0; dot = host.indexOf('.', dot + 1)) {
                    r = longestPrefix(wildcard.get(host.substring(dot)), p);
                    if (r != null) return r;
                }
            }
        }
        return longestPrefix(anyHost, p);
    }

    /** "Web.Local:7780" → "web.local", "[::1]:80" → "[::1]", "a.example.com." → "a.example.com". */
    static String normalizeHost(String hostHeader) {
        if (hostHeader == null) return "";
        String h = hostHeader.trim();
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            if (end > 0) h = h.substring(0, end + 1);
        } else {
            int colon = h.indexOf(':');
            if (colon >= 0 && colon == h.lastIndexOf(':')) h = h.substring(0, colon);
        }
        if (h.endsWith(".")) h = h.substring(0, h.length() - 1);
        return h.toLowerCase(Locale.ROOT);
    }

    static String normalizeRouteHost(String host) {
        return host == null ? "" : normalizeHost(host);
    }

    /** null or "" → "/", "api/" → "/api": a prefix without a trailing slash, so segment checks are simple. */
    static String normalizePath(String path) {
        if (path == null || path.isBlank()) return "/";
        String p = path.trim();
        if (!p.startsWith("/")) p = "/" + p;
        while (p.length() > 1 && p.endsWith("/")) p = p.substring(0, p.length() - 1);
        return p;
    }

    /** "/api" matches "/api" and "/api/x" but not "/apix"; "/" matches everything. */
    static boolean pathMatches(String prefix, String path) {
        if (prefix.length() == 1) return true;
        if (!path.startsWith(prefix)) return false;
        return path.length() == prefix.length() || path.charAt(prefix.length()) == '/';
    }

    private static Route longestPrefix(List<Candidate> candidates, String path) {
        if (candidates == null) return null;
        for (Candidate c : candidates) {
            if (pathMatches(c.prefix(), path)) return c.route();
        }
        return null;
    }

    private static Map<String, List<Candidate>> sorted(Map<String, List<Candidate>> byHost) {
        Map<String, List<Candidate>> out = new HashMap<>(byHost.size() * 2);
        byHost.forEach((host, candidates) -> out.put(host, sortedCopy(candidates)));
        return out;
    }

    private static List<Candidate> sortedCopy(List<Candidate> routes) {
        List<Candidate> copy = new ArrayList<>(routes);
        copy.sort(LONGEST_PATH_FIRST); // stable: equal prefixes keep table order
        return List.copyOf(copy);
    }
}
