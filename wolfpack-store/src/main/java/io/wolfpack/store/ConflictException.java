package io.wolfpack.store;

/** A concurrent writer changed the same thing first (version check failed, or it already exists). */
public final class ConflictException extends StoreException {
    public ConflictException(String message, Throwable cause) {
        super(message, cause);
    }
}
