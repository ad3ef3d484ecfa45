package io.wolfpack.core.image;

/**
 * A Dockerfile that cannot be read: the message says which line (1-based) and what is wrong there.
 * {@link #line()} is 0 only when no single line is to blame.
 */
public final class DockerfileException extends IllegalArgumentException {
    private final int line;
    private final String problem;

    public DockerfileException(int line, String problem) {
        super(line > 0 ? "line " + line + ": " + problem : problem);
        this.line = line;
        this.problem = problem;
    }

    /** 1-based line of the instruction at fault; 0 when no single line is. */
    public int line() {
        return line;
    }

    /** The message without the "line N: " prefix. */
    public String problem() {
        return problem;
    }
}
