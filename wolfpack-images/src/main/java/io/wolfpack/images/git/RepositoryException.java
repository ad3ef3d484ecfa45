package io.wolfpack.images.git;

/** A repository of Dockerfiles that cannot be opened or read; the message names the repository and the file. */
public final class RepositoryException extends RuntimeException {
    public RepositoryException(String message) {
        super(message);
    }

    public RepositoryException(String message, Throwable cause) {
        super(message, cause);
    }
}
