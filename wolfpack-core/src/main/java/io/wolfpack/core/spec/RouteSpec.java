package io.wolfpack.core.spec;

/** What the router serves for this service: requests for {@code host} under {@code path} go to {@code port}. */
public record RouteSpec(String host, String path, String port) {
}
