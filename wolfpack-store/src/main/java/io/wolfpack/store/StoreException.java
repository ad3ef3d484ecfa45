package io.wolfpack.store;

/** A ZooKeeper operation failed; the message says which and where. */
public class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
