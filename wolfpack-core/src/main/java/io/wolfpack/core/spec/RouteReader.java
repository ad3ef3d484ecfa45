package io.wolfpack.core.spec;

import java.util.List;

/** Reads {@code route}: the host and path the router serves, and the declared port it sends them to. */
final class RouteReader {
    static final List<String> FIELDS = List.of("host", "path", "port");
    private static final String DEFAULT_PATH = "/";

    private RouteReader() {
    }

    /** The route, or null when the spec has none. */
    static RouteSpec read(Fields spec, List<String> declaredPorts) {
        Fields r = spec.section("route", FIELDS);
        if (r == null) return null;
        String host = r.text("host", "a host name such as web.local");
        if (host != null) {
            String problem = SpecRules.host(host);
            if (problem != null) r.problem("host", r.get("host"), problem);
        } else if (!r.has("host")) {
            r.missing("host", "required: the host name the router serves, such as web.local or *.example.com");
        }
        String path = r.text("path", "a path prefix such as /api");
        if (path != null) {
            String problem = SpecRules.path(path);
            if (problem != null) r.problem("path", r.get("path"), problem);
        }
        String port = PortRef.read(r, "port", declaredPorts, "a route");
        return new RouteSpec(host, path == null ? DEFAULT_PATH : path, port);
    }
}
