package io.wolfpack.cli.output;

import io.wolfpack.core.api.InstanceView;
import io.wolfpack.core.api.ServiceView;
import io.wolfpack.core.spec.RouteSpec;
import io.wolfpack.core.spec.ServiceSpec;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/** Human output of services for {@code wolfpack status}: pure functions of the API's views and {@code now}. */
public final class ServiceOutput {
    private ServiceOutput() {
    }

    /** One line per service. */
    public static String table(List<ServiceView> services) {
        if (services.isEmpty()) return "no services; create one with: wolfpack deploy -f web.yaml\n";
        Table t = Table.of("NAME", "REVISION", "DESIRED", "RUNNING", "HEALTHY", "IMAGE", "ROUTE");
        for (ServiceView s : services) {
            t.row(s.name(), s.revision(), s.desired(), s.running(), s.healthy(), image(s.spec()), route(s.spec()));
        }
        return t.render();
    }

    /** A header about the service, its instances, then why any could not be placed. */
    public static String detail(ServiceView s, Instant now) {
        StringBuilder sb = new StringBuilder();
        ServiceSpec spec = s.spec();
        field(sb, "name", s.name());
        field(sb, "image", image(spec));
        field(sb, "revision", Long.toString(s.revision()));
        field(sb, "replicas", s.desired() + " desired, " + s.running() + " running, " + s.healthy() + " healthy");
        field(sb, "route", spec == null || spec.route() == null ? "-"
                : route(spec) + " -> port " + spec.route().port());
        if (s.updatedAt() != null) field(sb, "updated", Format.time(s.updatedAt()) + " (" + Format.age(s.updatedAt(), now) + " ago)");
        sb.append('\n');
        if (s.instances().isEmpty()) {
            sb.append("no instances\n");
        } else {
            sb.append(instances(s.instances(), now));
        }
        for (ServiceView.Unplaced u : s.unplaced()) {
            sb.append('\n').append(u.count()).append(" unplaced: ").append(u.reason());
        }
        if (!s.unplaced().isEmpty()) sb.append('\n');
        return sb.toString();
    }

    static String instances(List<InstanceView> instances, Instant now) {
        Table t = Table.of("INSTANCE", "REV", "NODE", "STATE", "HEALTH", "PORTS", "RESTARTS", "AGE", "MESSAGE");
        instances.stream().sorted(Comparator.comparing(InstanceView::id)).forEach(i -> t.row(
                i.id(), i.revision(), i.node(),
                i.state() == null ? null : i.state().wire(),
                i.health() == null ? null : i.health().wire(),
                Format.ports(i.address(), i.hostPorts()),
                i.restarts(), Format.age(i.createdAt(), now), Format.instanceMessage(i, now)));
        return t.render();
    }

    private static void field(StringBuilder sb, String name, String value) {
        sb.append(String.format("%-10s%s", name + ":", value == null || value.isEmpty() ? "-" : value)).append('\n');
    }

    private static String image(ServiceSpec spec) {
        return spec == null ? "-" : spec.image();
    }

    private static String route(ServiceSpec spec) {
        if (spec == null || spec.route() == null) return "-";
        RouteSpec r = spec.route();
        String path = r.path() == null ? "/" : r.path();
        return (r.host() == null ? "*" : r.host()) + path;
    }
}
