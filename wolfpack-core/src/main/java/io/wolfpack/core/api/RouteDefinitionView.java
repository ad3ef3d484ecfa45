package io.wolfpack.core.api;

import io.wolfpack.core.spec.RouteDefinition;

import java.util.List;

/**
 * A route file as the API returns it, with what the server noticed about it: backends naming
 * services that do not exist (yet), ports a service does not declare, a service shorthand route
 * this one overrides. Warnings do not stop the route from being applied.
 */
public record RouteDefinitionView(RouteDefinition route, List<String> warnings) {
    public RouteDefinitionView {
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }
}
