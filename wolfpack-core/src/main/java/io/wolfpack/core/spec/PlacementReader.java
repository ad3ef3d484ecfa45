package io.wolfpack.core.spec;

import java.util.ArrayList;
import java.util.List;

/** Reads {@code placement}: what to spread over, label constraints, and bin-packing. */
final class PlacementReader {
    static final List<String> FIELDS = List.of("spread", "constraints", "binpack");
    private static final String SPREAD_ALLOWED = "\"node\" or a node label such as zone (lower-case letters, digits, '.', '_', '/', '-')";

    private PlacementReader() {
    }

    static PlacementSpec read(Fields spec) {
        Fields p = spec.section("placement", FIELDS);
        if (p == null) return null;
        List<String> spread = spread(p);
        List<String> constraints = constraints(p);
        Boolean binpack = p.bool("binpack");
        return new PlacementSpec(spread, constraints, binpack != null && binpack);
    }

    private static List<String> spread(Fields p) {
        List<String> spread = p.texts("spread", "each " + SPREAD_ALLOWED);
        if (spread == null) return null;
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < spread.size(); i++) {
            String s = spread.get(i);
            String path = p.at("spread") + "[" + i + "]";
            if (!SpecRules.LABEL_KEY.matcher(s).matches()) {
                p.problems().add(path, s, "must be " + SPREAD_ALLOWED);
            } else if (seen.contains(s)) {
                p.problems().add(path, s, "listed twice; list each once");
            }
            seen.add(s);
        }
        return spread;
    }

    /** Constraints in their canonical spelling, "zone != c", whatever spacing was written. */
    private static List<String> constraints(Fields p) {
        List<String> written = p.texts("constraints", "each " + PlacementConstraint.ALLOWED);
        if (written == null) return null;
        List<String> out = new ArrayList<>();
        for (int i = 0; i < written.size(); i++) {
            try {
                out.add(PlacementConstraint.parse(written.get(i)).toString());
            } catch (IllegalArgumentException e) {
                p.problems().add(p.at("constraints") + "[" + i + "]", written.get(i), "must be " + PlacementConstraint.ALLOWED);
            }
        }
        return out;
    }
}
