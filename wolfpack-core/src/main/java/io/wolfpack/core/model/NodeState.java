package io.wolfpack.core.model;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** A node's lifecycle state as the server judges it from heartbeats and operator actions. */
public enum NodeState {
    READY, SUSPECT, DOWN, CORDONED, DRAINING;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
