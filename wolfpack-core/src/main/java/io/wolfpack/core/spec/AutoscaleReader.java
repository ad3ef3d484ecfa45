package io.wolfpack.core.spec;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * Reads {@code autoscale}: min, max, exactly one target (requests per second or CPU cores per
 * instance), and the windows.
 */
final class AutoscaleReader {
    static final List<String> FIELDS = List.of("min", "max", "targetRps", "targetCpu", "scaleUpWindow", "scaleDownWindow");

    private AutoscaleReader() {
    }

    /** {@code resources} is the service's (null when not given): an instance cannot use more CPU than its limit. */
    static AutoscaleSpec read(Fields spec, Resources resources) {
        Fields a = spec.section("autoscale", FIELDS);
        if (a == null) return null;
        Integer min = a.integer("min", 1, ServiceSpecReader.MAX_REPLICAS);
        Integer max = a.integer("max", 1, ServiceSpecReader.MAX_REPLICAS);
        if (min == null && !a.has("min")) a.missing("min", "required: the fewest instances, at least 1");
        if (max == null && !a.has("max")) a.missing("max", "required: the most instances, at most " + ServiceSpecReader.MAX_REPLICAS);
        if (min != null && max != null && min > max) a.problem("max", a.get("max"), "must be at least min (" + min + ")");
        Double rps = null;
        Double cpu = null;
        if (a.has("targetRps") && a.has("targetCpu")) {
            a.problem("targetCpu", a.get("targetCpu"), "give one target, not both: targetRps ("
                    + a.get("targetRps") + ") scales on requests, targetCpu on CPU; remove one");
        } else if (!a.has("targetRps") && !a.has("targetCpu")) {
            a.missing("targetRps", "required: one target, targetRps (requests per second each instance should get, e.g. 50)"
                    + " or targetCpu (cores each instance should use, e.g. 0.5 or 500m)");
        } else if (a.has("targetRps")) {
            rps = targetRps(a);
        } else {
            cpu = targetCpu(a, resources);
        }
        TimeSpan up = a.duration("scaleUpWindow");
        TimeSpan down = a.duration("scaleDownWindow");
        if (down != null && down.millis() < 1000) a.problem("scaleDownWindow", a.get("scaleDownWindow"), "must be at least 1s");
        if (rps == null && cpu == null) rps = 1.0; // only reached with a problem recorded: the spec is never built
        return new AutoscaleSpec(min == null ? 1 : min, max == null ? 1 : max, rps, cpu, up, down);
    }

    private static Double targetRps(Fields a) {
        JsonNode t = a.get("targetRps");
        if (t == null) return null;
        if (!t.isNumber() || t.doubleValue() <= 0 || t.doubleValue() > 1_000_000) {
            a.problem("targetRps", t, "must be a number of requests per second per instance, more than 0 and at most 1000000");
            return null;
        }
        return t.doubleValue();
    }

    private static Double targetCpu(Fields a, Resources resources) {
        Double cores = ServiceSpecReader.cores(a, "targetCpu");
        if (cores == null) return null;
        // A container never uses more than its limit, so a target at or above it could never be exceeded.
        double limit = (resources == null ? Resources.DEFAULT : resources).cpu();
        if (cores >= limit) {
            a.problem("targetCpu", a.get("targetCpu"), "must be less than resources.cpu (" + trim(limit)
                    + (resources == null ? ", the default" : "") + "), the most each instance can use;"
                    + " raise resources.cpu or lower targetCpu");
            return null;
        }
        return cores;
    }

    static String trim(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }
}
