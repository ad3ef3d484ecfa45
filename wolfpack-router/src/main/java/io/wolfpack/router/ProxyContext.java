package io.wolfpack.router;

import java.util.function.Supplier;

/** What every client connection shares: config, the live table, metrics and the upstream pools. */
record ProxyContext(RouterConfig config, Supplier<CompiledTable> tables, RouterMetrics metrics,
                    UpstreamConnector upstreams) {
}
