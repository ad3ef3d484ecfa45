package io.wolfpack.router.bench;

/** The two reverse proxies compared, in front of the same backends. */
enum Proxy {
    ROUTER("router"),
    NGINX("nginx");

    final String label;

    Proxy(String label) {
        this.label = label;
    }
}
