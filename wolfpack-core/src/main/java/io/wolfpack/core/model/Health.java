package io.wolfpack.core.model;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** Result of an instance's health check as the agent judges it. */
public enum Health {
    /** No verdict yet (just started, or not running). Not routable. */
    UNKNOWN,
    /** The check passed healthyAfter times in a row. Routable. */
    PASSING,
    /** The check failed unhealthyAfter times in a row. Not routable. */
    FAILING,
    /** The spec has no check; a running instance is routable. */
    NONE;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
