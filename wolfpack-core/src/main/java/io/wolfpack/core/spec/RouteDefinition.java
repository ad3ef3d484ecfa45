package io.wolfpack.core.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * A route declared on its own, in a route file ({@code wolfpack route apply -f}), rather than as
 * the one-backend {@code route:} shorthand of a service spec. It splits the traffic for
 * {@code host} under {@code path} by weight between Wolfpack services (optionally one revision of
 * a service) and static host:port lists such as legacy VMs. A route file takes precedence over a
 * service's shorthand route of the same name or the same host and path.
 *
 * @param timeout how long the router waits for an upstream response; null means the default (30s)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RouteDefinition(String name, String host, String path, TimeSpan timeout, List<RouteBackend> backends) {
    public RouteDefinition {
        backends = backends == null ? List.of() : List.copyOf(backends);
    }

    /**
     * One weighted share of a route. Exactly one of {@code service} and {@code addresses} is set.
     *
     * @param name      unique within the route; defaults to the service name
     * @param service   a Wolfpack service whose routable instances take this share
     * @param revision  only instances of this revision of the service (a canary, say); null for the current one
     * @param port      the service's declared port to send to; null means its route port, or its only port
     * @param addresses static "host:port" endpoints (YAML field {@code static})
     * @param weight    relative share, 0 (no traffic) to {@link RouteDefinitions#MAX_WEIGHT}
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RouteBackend(String name, String service, Long revision, String port,
                               @JsonProperty("static") List<String> addresses, int weight) {
        public RouteBackend {
            addresses = addresses == null ? null : List.copyOf(addresses);
        }

        public boolean isStatic() {
            return addresses != null;
        }

        public RouteBackend withWeight(int newWeight) {
            return new RouteBackend(name, service, revision, port, addresses, newWeight);
        }
    }
}
