package io.wolfpack.router.bench;

/**
 * One measured wrk run through one proxy, with the CPU time the proxy used meanwhile (the router's
 * whole JVM, or the proxy nginx's master and workers). On a machine where wrk, the backends and the
 * proxy share the cores, CPU per request says more about a proxy's cost than requests/s alone.
 * {@code backgroundCores} is what other processes kept busy just before the run; {@code jvm} what
 * the router's JVM spent on JIT and GC during it (null for nginx).
 */
record ProxyRun(WrkResult wrk, double cpuSeconds, double backgroundCores, JvmActivity jvm) {
    double cpuMicrosPerRequest() {
        return wrk.requests() == 0 ? 0 : cpuSeconds * 1e6 / wrk.requests();
    }

    /** Average cores the proxy kept busy. */
    double cores() {
        return wrk.seconds() <= 0 ? 0 : cpuSeconds / wrk.seconds();
    }
}
