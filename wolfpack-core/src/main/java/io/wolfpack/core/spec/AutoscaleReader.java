package io.wolfpack.core.spec;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/** Reads {@code autoscale}: min, max, the per-instance request rate to aim for, and the windows. */
final class AutoscaleReader {
    static final List<String> FIELDS = List.of("min", "max", "targetRps", "targetCpu", "scaleUpWindow", "scaleDownWindow");

    private AutoscaleReader() {
    }

    static AutoscaleSpec read(Fields spec) {
        Fields a = spec.section("autoscale", FIELDS);
        if (a == null) return null;
        Integer min = a.integer("min", 1, ServiceSpecReader.MAX_REPLICAS);
        Integer max = a.integer("max", 1, ServiceSpecReader.MAX_REPLICAS);
        if (min == null && !a.has("min")) a.missing("min", "required: the fewest instances, at least 1");
        if (max == null && !a.has("max")) a.missing("max", "required: the most instances, at most " + ServiceSpecReader.MAX_REPLICAS);
        if (min != null && max != null && min > max) a.problem("max", a.get("max"), "must be at least min (" + min + ")");
        if (a.has("targetCpu")) {
            a.problem("targetCpu", a.get("targetCpu"), "scaling on container CPU is not supported yet; use targetRps"
                    + " (requests per second per instance at the routers)");
        }
        Double target = null;
        JsonNode t = a.get("targetRps");
        if (t == null) {
            if (!a.has("targetCpu")) a.missing("targetRps", "required: requests per second each instance should get, e.g. 50");
        } else if (!t.isNumber() || t.doubleValue() <= 0 || t.doubleValue() > 1_000_000) {
            a.problem("targetRps", t, "must be a number of requests per second per instance, more than 0 and at most 1000000");
        } else {
            target = t.doubleValue();
        }
        TimeSpan up = a.duration("scaleUpWindow");
        TimeSpan down = a.duration("scaleDownWindow");
        if (down != null && down.millis() < 1000) a.problem("scaleDownWindow", a.get("scaleDownWindow"), "must be at least 1s");
        return new AutoscaleSpec(min == null ? 1 : min, max == null ? 1 : max, target == null ? 1 : target, up, down);
    }
}
