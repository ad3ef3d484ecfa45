package io.wolfpack.router;

import java.util.function.Supplier;

/** What every client connection shares: config, the live table, metrics, the upstream pools and ejections. */
record ProxyContext(RouterConfig config, Supplier<CompiledTable> tables, RouterMetrics metrics,
                    UpstreamConnector upstreams, Ejections ejections) {
}
