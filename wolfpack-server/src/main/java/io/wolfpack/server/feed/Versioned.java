package io.wolfpack.server.feed;

/** A value with the version it was published at. */
public record Versioned<T>(long version, T value) {
}
