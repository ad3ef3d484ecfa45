package io.wolfpack.cli.output;

import io.wolfpack.core.api.RouteDefinitionView;
import io.wolfpack.core.route.Backend;
import io.wolfpack.core.route.Route;
import io.wolfpack.core.route.RouteTable;
import io.wolfpack.core.spec.RouteDefinition;
import io.wolfpack.core.spec.RouteDefinition.RouteBackend;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Text for {@code wolfpack route}: the live table, one route file, and what a change did. */
public final class RouteOutput {
    private RouteOutput() {
    }

    /** One row per backend of every live route; SOURCE says whether a route file or a service's route: declares it. */
    public static String table(RouteTable table, List<RouteDefinitionView> files) {
        if (table.routes().isEmpty()) {
            return "no routes: give a service a route: section (docs/SPEC.md) or apply a route file (wolfpack route apply -f FILE)\n";
        }
        Set<String> fromFiles = files.stream().map(v -> v.route().name()).collect(Collectors.toSet());
        Table t = Table.of("ROUTE", "HOST", "PATH", "SOURCE", "BACKEND", "WEIGHT", "SHARE", "ENDPOINTS");
        for (Route r : table.routes()) {
            long total = r.backends().stream().mapToLong(Backend::weight).sum();
            String source = fromFiles.contains(r.name()) ? "route-file" : "service";
            for (Backend b : r.backends()) {
                t.row(r.name(), r.host(), r.path(), source, b.name(), b.weight(), share(b.weight(), total), endpoints(b));
            }
        }
        StringBuilder out = new StringBuilder(t.render());
        for (RouteDefinitionView v : files) {
            for (String w : v.warnings()) out.append("warning: route ").append(v.route().name()).append(": ").append(w).append('\n');
        }
        return out.toString();
    }

    public static String detail(RouteDefinitionView view) {
        RouteDefinition r = view.route();
        StringBuilder out = new StringBuilder();
        out.append("route ").append(r.name()).append(": ").append(r.host()).append(r.path())
                .append(r.timeout() == null ? "" : ", timeout " + r.timeout()).append('\n');
        long total = r.backends().stream().mapToLong(RouteBackend::weight).sum();
        Table t = Table.of("BACKEND", "WEIGHT", "SHARE", "TARGET");
        for (RouteBackend b : r.backends()) t.row(b.name(), b.weight(), share(b.weight(), total), target(b));
        out.append(t.render());
        for (String w : view.warnings()) out.append("warning: ").append(w).append('\n');
        return out.toString();
    }

    /** After apply: created, updated or unchanged, then the route. */
    public static String applied(RouteDefinition before, RouteDefinitionView after) {
        String verb = before == null ? "created" : before.equals(after.route()) ? "unchanged" : "updated";
        return "route " + after.route().name() + " " + verb + "\n" + detail(after);
    }

    public static String weights(RouteDefinition before, RouteDefinition after) {
        StringBuilder out = new StringBuilder("route " + after.name() + " weights:");
        long total = after.backends().stream().mapToLong(RouteBackend::weight).sum();
        for (RouteBackend b : after.backends()) {
            int old = before.backends().stream().filter(x -> x.name().equals(b.name())).mapToInt(RouteBackend::weight).findFirst().orElse(b.weight());
            out.append(' ').append(b.name()).append('=').append(b.weight());
            if (old != b.weight()) out.append(" (was ").append(old).append(')');
        }
        out.append('\n');
        for (RouteBackend b : after.backends()) {
            out.append("  ").append(b.name()).append(": ").append(share(b.weight(), total)).append(" of requests\n");
        }
        return out.toString();
    }

    private static String target(RouteBackend b) {
        if (b.isStatic()) return "static " + String.join(",", b.addresses());
        return "service " + b.service() + (b.revision() == null ? "" : " revision " + b.revision())
                + (b.port() == null ? "" : " port " + b.port());
    }

    private static String endpoints(Backend b) {
        long statics = b.endpoints().stream().filter(e -> e.instance() == null).count();
        if (statics == b.endpoints().size() && statics > 0) return statics + " static";
        return b.endpoints().size() + " ready";
    }

    static String share(long weight, long total) {
        if (total == 0) return "0%";
        double pct = 100.0 * weight / total;
        return pct == Math.rint(pct) ? String.format("%.0f%%", pct) : String.format("%.1f%%", pct);
    }
}
