package io.wolfpack.core.spec;

import com.fasterxml.jackson.databind.JsonNode;
import io.wolfpack.core.spec.RouteDefinition.RouteBackend;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Turns a parsed route file into a {@link RouteDefinition}, or one {@link SpecException} naming every bad field. */
final class RouteDefinitionReader {
    static final List<String> FIELDS = List.of("name", "host", "path", "timeout", "backends");
    static final List<String> BACKEND_FIELDS = List.of("name", "service", "revision", "port", "static", "weight");
    static final int DEFAULT_WEIGHT = 1;
    static final int MAX_BACKENDS = 64;
    static final int MAX_ADDRESSES = 1024;
    private static final String DEFAULT_PATH = "/";
    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?");
    private static final String ADDRESS_ALLOWED = "host:port, e.g. 10.0.0.5:8080, legacy-1.example.com:80 or [::1]:8080";

    private RouteDefinitionReader() {
    }

    static RouteDefinition read(JsonNode document) {
        Problems problems = new Problems();
        if (!document.isObject()) {
            problems.add(Problems.DOCUMENT, document, "a route file must be a mapping of fields (" + String.join(", ", FIELDS)
                    + "), not " + Problems.kind(document));
            problems.throwIfAny();
        }
        Fields f = Fields.open("", document, problems, FIELDS);
        String name = name(f);
        String host = host(f);
        String path = f.text("path", "a path prefix such as /api");
        if (path != null) {
            String problem = SpecRules.path(path);
            if (problem != null) f.problem("path", f.get("path"), problem);
        }
        TimeSpan timeout = f.duration("timeout");
        if (timeout != null && timeout.millis() < 1) f.problem("timeout", f.get("timeout"), "must be more than 0");
        List<RouteBackend> backends = backends(f);
        problems.throwIfAny();
        return new RouteDefinition(name, host, path == null ? DEFAULT_PATH : path, timeout, backends);
    }

    private static String name(Fields f) {
        String name = f.text("name", SpecRules.SERVICE_NAME_ALLOWED);
        if (name == null) {
            if (!f.has("name")) f.missing("name", "required: the route name, " + SpecRules.SERVICE_NAME_ALLOWED);
            return null;
        }
        String problem = SpecRules.serviceName(name);
        if (problem != null) f.problem("name", f.get("name"), problem);
        return name;
    }

    private static String host(Fields f) {
        String host = f.text("host", "a host name such as web.local");
        if (host == null) {
            if (!f.has("host")) f.missing("host", "required: the host name the router serves, such as web.local or *.example.com");
            return null;
        }
        String problem = SpecRules.host(host);
        if (problem != null) f.problem("host", f.get("host"), problem);
        return host;
    }

    private static List<RouteBackend> backends(Fields f) {
        List<JsonNode> items = f.list("backends", "one mapping per backend: {service: web, weight: 33}"
                + " or {name: legacy, static: [\"10.0.0.5:80\"], weight: 67}");
        if (items == null) {
            if (!f.has("backends")) f.missing("backends", "required: at least one backend, e.g. [{service: web}]");
            return List.of();
        }
        if (items.isEmpty()) f.problem("backends", f.get("backends"), "must list at least one backend");
        if (items.size() > MAX_BACKENDS) f.problem("backends", f.get("backends"), "at most " + MAX_BACKENDS + " backends");
        List<RouteBackend> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        long total = 0;
        for (int i = 0; i < items.size(); i++) {
            String at = f.at("backends") + "[" + i + "]";
            Fields b = Fields.open(at, items.get(i), f.problems(), BACKEND_FIELDS);
            if (b == null) continue;
            RouteBackend backend = backend(b);
            if (backend == null) continue;
            if (backend.name() != null && !names.add(backend.name())) {
                b.problem(b.has("name") ? "name" : "service", b.get(b.has("name") ? "name" : "service"),
                        "another backend of this route is already named '" + backend.name() + "'; give each a distinct name");
            }
            total += backend.weight();
            out.add(backend);
        }
        if (!out.isEmpty() && out.size() == items.size() && total == 0) {
            f.problem("backends", f.get("backends"), "the weights add up to 0, so no request could be served; give at least one backend a weight above 0");
        }
        return out;
    }

    private static RouteBackend backend(Fields b) {
        String service = b.text("service", "a service name");
        if (service != null) {
            String problem = SpecRules.serviceName(service);
            if (problem != null) b.problem("service", b.get("service"), problem);
        }
        List<String> addresses = b.texts("static", ADDRESS_ALLOWED);
        if (addresses != null) {
            if (addresses.isEmpty()) b.problem("static", b.get("static"), "must list at least one host:port");
            if (addresses.size() > MAX_ADDRESSES) b.problem("static", b.get("static"), "at most " + MAX_ADDRESSES + " addresses");
            for (int i = 0; i < addresses.size(); i++) {
                String problem = address(addresses.get(i));
                if (problem != null) b.problems().add(b.at("static") + "[" + i + "]", addresses.get(i), problem);
            }
        }
        boolean hasService = b.has("service");
        boolean hasStatic = b.has("static");
        if (hasService == hasStatic) {
            String why = hasService ? "set either service or static, not both"
                    : "needs service (a Wolfpack service) or static (a list of host:port)";
            b.problems().add(b.path(), (String) null, why);
        }
        Integer revision = b.integer("revision", 1, Integer.MAX_VALUE);
        if (b.has("revision") && hasStatic) b.problem("revision", b.get("revision"), "only a service backend has revisions");
        String port = b.text("port", SpecRules.PORT_NAME_ALLOWED);
        if (port != null) {
            String problem = SpecRules.portName(port);
            if (problem != null) b.problem("port", b.get("port"), problem);
            if (hasStatic) b.problem("port", b.get("port"), "only a service backend has named ports; a static address carries its port");
        }
        String name = b.text("name", SpecRules.SERVICE_NAME_ALLOWED);
        if (name != null) {
            String problem = SpecRules.serviceName(name);
            if (problem != null) b.problem("name", b.get("name"), problem);
        } else if (!b.has("name")) {
            if (hasStatic) b.missing("name", "required for a static backend: a name to change its weight by, e.g. legacy");
            else name = revision == null ? service : service + "-r" + revision;
        }
        Integer weight = b.integer("weight", 0, RouteDefinitions.MAX_WEIGHT);
        return new RouteBackend(name, service, revision == null ? null : revision.longValue(), port, addresses,
                weight == null ? DEFAULT_WEIGHT : weight);
    }

    /** Null when {@code text} is host:port with a port 1-65535, else what is wrong. */
    static String address(String text) {
        String host;
        String port;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0 || close + 1 >= text.length() || text.charAt(close + 1) != ':') return "must be " + ADDRESS_ALLOWED;
            host = text.substring(1, close);
            port = text.substring(close + 2);
            if (host.isEmpty() || !host.matches("[0-9A-Fa-f:.]+")) return "'" + host + "' is not an IPv6 address";
        } else {
            int colon = text.lastIndexOf(':');
            if (colon <= 0 || text.indexOf(':') != colon) return "must be " + ADDRESS_ALLOWED;
            host = text.substring(0, colon);
            port = text.substring(colon + 1);
            if (!HOST_NAME.matcher(host).matches()) return "'" + host + "' is not a host name or IPv4 address";
        }
        if (!port.matches("\\d{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
            return "port '" + port + "' must be a number between 1 and 65535";
        }
        return null;
    }
}
