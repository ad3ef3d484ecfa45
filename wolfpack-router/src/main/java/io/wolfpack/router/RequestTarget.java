package io.wolfpack.router;

/**
 * Where a request is aimed, read from its request-target and Host header. An absolute-form target
 * ({@code http://host/path}) names the host itself and wins over the Host header (RFC 9112 3.2.2).
 *
 * @param host       the host as sent (port included), or "" when the request names none
 * @param path       the path without query, used for matching
 * @param originForm path and query, as sent upstream
 */
record RequestTarget(String host, String path, String originForm) {

    static RequestTarget parse(String uri, String hostHeader) {
        String host = hostHeader == null ? "" : hostHeader.trim();
        String rest = uri == null || uri.isEmpty() ? "/" : uri;
        int scheme = rest.indexOf("://");
        if (scheme > 0 && !rest.startsWith("/")) {
            int authorityStart = scheme + 3;
            int slash = indexOfAny(rest, authorityStart, '/', '?', '#');
            String authority = rest.substring(authorityStart, slash < 0 ? rest.length() : slash);
            int at = authority.lastIndexOf('@');
            host = at >= 0 ? authority.substring(at + 1) : authority;
            rest = slash < 0 ? "/" : rest.substring(slash);
            if (!rest.startsWith("/")) rest = "/" + rest;
        }
        int fragment = rest.indexOf('#');
        String origin = fragment >= 0 ? rest.substring(0, fragment) : rest;
        int query = origin.indexOf('?');
        String path = query >= 0 ? origin.substring(0, query) : origin;
        if (path.isEmpty()) path = "/";
        return new RequestTarget(host, path, origin.isEmpty() ? "/" : origin);
    }

    private static int indexOfAny(String s, int from, char a, char b, char c) {
        for (int i = from; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == a || ch == b || ch == c) return i;
        }
        return -1;
    }
}
