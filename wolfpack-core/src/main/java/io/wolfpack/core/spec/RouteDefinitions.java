package io.wolfpack.core.spec;

import io.wolfpack.core.json.Json;
import io.wolfpack.core.spec.RouteDefinition.RouteBackend;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The way in for route files: text to a validated {@link RouteDefinition}, and live weight changes. */
public final class RouteDefinitions {
    /** Weights are relative; 1000 leaves room for tenths of a percent. */
    public static final int MAX_WEIGHT = 1000;

    private RouteDefinitions() {
    }

    public static RouteDefinition parse(byte[] data, SpecParser.Format format) {
        return RouteDefinitionReader.read(SpecDocument.read(data, format));
    }

    public static RouteDefinition parse(String text, SpecParser.Format format) {
        return RouteDefinitionReader.read(SpecDocument.read(text, format));
    }

    /** Reads an HTTP body with its Content-Type header (may be null). */
    public static RouteDefinition parse(byte[] data, String contentType) {
        return parse(data, SpecParser.Format.fromContentType(contentType));
    }

    public static RouteDefinition parseFile(Path file) throws IOException {
        return parse(Files.readAllBytes(file), SpecParser.Format.fromFileName(file.getFileName().toString()));
    }

    /**
     * The route with some backends' weights changed. Every name must be a backend of the route and
     * every weight 0 to {@link #MAX_WEIGHT}; the result must still send traffic somewhere. All
     * problems are reported at once, and nothing changes unless there are none.
     */
    public static RouteDefinition withWeights(RouteDefinition route, Map<String, Integer> weights) {
        Problems problems = new Problems();
        if (weights == null || weights.isEmpty()) {
            problems.missing("weights", "give at least one BACKEND=WEIGHT; backends of " + route.name() + ": " + names(route));
        }
        Map<String, Integer> todo = new TreeMap<>(weights == null ? Map.of() : weights);
        List<RouteBackend> changed = new ArrayList<>();
        for (RouteBackend b : route.backends()) {
            Integer w = todo.remove(b.name());
            changed.add(w == null ? b : b.withWeight(w));
        }
        todo.forEach((name, w) -> problems.add("weights." + name, name, "route " + route.name() + " has no backend named '"
                + name + "'; its backends: " + names(route)));
        for (Map.Entry<String, Integer> e : (weights == null ? Map.<String, Integer>of() : weights).entrySet()) {
            Integer w = e.getValue();
            if (w == null || w < 0 || w > MAX_WEIGHT) {
                problems.add("weights." + e.getKey(), String.valueOf(w), "must be a whole number between 0 and " + MAX_WEIGHT);
            }
        }
        if (problems.isEmpty() && changed.stream().mapToLong(RouteBackend::weight).sum() == 0) {
            problems.add("weights", Json.text(weights), "the weights would add up to 0, so no request could be served;"
                    + " give at least one backend a weight above 0");
        }
        problems.throwIfAny();
        return new RouteDefinition(route.name(), route.host(), route.path(), route.timeout(), changed);
    }

    /** Checks a definition built in code (or read back from storage) by the same rules as user text. */
    public static RouteDefinition validate(RouteDefinition route) {
        return parse(Json.text(route), SpecParser.Format.JSON);
    }

    private static String names(RouteDefinition route) {
        return String.join(", ", route.backends().stream().map(RouteBackend::name).toList());
    }
}
