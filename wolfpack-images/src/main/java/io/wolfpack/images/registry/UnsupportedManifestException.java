package io.wolfpack.images.registry;

/**
 * A manifest that is well-formed but of a kind rebase does not handle (a multi-platform index,
 * schema1). The message is a predicate; callers prefix what they fetched, e.g. "base:2 is a …".
 */
public class UnsupportedManifestException extends IllegalArgumentException {
    public UnsupportedManifestException(String message) {
        super(message);
    }
}
