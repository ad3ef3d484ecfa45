package io.wolfpack.core.model;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** What the agent sees of an instance's container. */
public enum InstanceState {
    /** Assigned, nothing done on the host yet. */
    PENDING,
    /** The image is being pulled. */
    PULLING,
    /** Created and started, waiting to be seen running. */
    STARTING,
    /** The container's process is running. */
    RUNNING,
    /** It exited or could not start; the next attempt waits for a backoff (see nextRetryAt). */
    BACKOFF,
    /** Being stopped because it is no longer wanted. */
    STOPPING;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
