package io.wolfpack.core.route;

import java.util.List;

/**
 * What a router tells the server about the traffic it carried: per route and backend, counters
 * since the router started (the server takes differences). The server compares backends with them,
 * e.g. a canary revision with the stable one.
 *
 * @param router  a name unique per router process (host:port it serves, plus its start time)
 */
public record RouterStats(String router, List<BackendStats> backends) {
    public RouterStats {
        backends = backends == null ? List.of() : List.copyOf(backends);
    }

    /**
     * @param requests        requests answered for this backend (any status)
     * @param serverErrors    of those, answers with a 5xx status from the upstream
     * @param connectFailures attempts that failed to connect or were reset before an answer
     */
    public record BackendStats(String route, String backend, long requests, long serverErrors, long connectFailures) {
    }
}
