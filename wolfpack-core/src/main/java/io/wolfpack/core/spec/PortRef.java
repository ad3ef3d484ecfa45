package io.wolfpack.core.spec;

import java.util.List;

/** A field that names one of the spec's declared ports, shared by health checks and the route. */
final class PortRef {
    private PortRef() {
    }

    /**
     * The port named at {@code key}; when the field is left out and exactly one port is declared,
     * that one. Reports an unknown name with the declared ones, and an omission that cannot be
     * resolved. {@code user} says who needs the port, for the message.
     */
    static String read(Fields f, String key, List<String> declared, String user) {
        String name = f.text(key, "the name of a declared port");
        if (name == null && f.has(key)) return null;
        if (name == null) {
            if (declared.size() == 1) return declared.get(0);
            if (declared.isEmpty()) {
                f.missing(key, user + " needs a port, but none is declared; add one under ports, e.g. {name: http, container: 8080}");
            } else {
                f.missing(key, "required when several ports are declared: one of " + String.join(", ", declared));
            }
            return null;
        }
        if (!declared.contains(name)) {
            f.problem(key, f.get(key), declared.isEmpty()
                    ? "no port is declared; add {name: " + name + ", container: ...} under ports"
                    : "unknown port; declared ports: " + String.join(", ", declared));
        }
        return name;
    }
}
