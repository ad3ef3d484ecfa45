package io.wolfpack.agent.docker;

/** A Docker call that failed; the message says what was tried and what the engine answered. */
public final class DockerException extends RuntimeException {

    /** Why it failed, for callers that treat some failures as expected. */
    public enum Kind {
        /** The container or image does not exist. */
        NOT_FOUND,
        /** A name is taken or the object is in the wrong state. */
        CONFLICT,
        /** The engine did not answer at all. */
        UNREACHABLE,
        /** The engine answered with an error. */
        FAILED
    }

    private final Kind kind;

    public DockerException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public DockerException(Kind kind, String message) {
        this(kind, message, null);
    }

    public Kind kind() {
        return kind;
    }
}
