package io.wolfpack.agent.docker;

import java.util.Locale;

/** What the agent needs to know of a container's lifecycle; Docker's finer states fold into these. */
public enum ContainerState {
    /** Created and never started (or a start failed before the process ran). */
    CREATED,
    /** The process exists (Docker's running, paused and restarting). */
    RUNNING,
    /** The process is gone (Docker's exited, dead and removing). */
    EXITED;

    /** Maps Docker's state word; unknown words count as exited so that the agent acts on them. */
    public static ContainerState fromDocker(String state) {
        if (state == null) return EXITED;
        return switch (state.toLowerCase(Locale.ROOT)) {
            case "created" -> CREATED;
            case "running", "paused", "restarting" -> RUNNING;
            default -> EXITED;
        };
    }
}
