package io.wolfpack.router;

import io.netty.channel.ConnectTimeoutException;

import java.net.ConnectException;

/**
 * Why one attempt on an upstream endpoint failed before anything reached the client: the router
 * error the client gets unless the request is retried, a message naming route and endpoint, and
 * whether the endpoint is ejected for it. Pure, so each wording and ejection choice is plain to test.
 */
record AttemptFailure(Failure failure, String message, boolean eject) {

    static AttemptFailure connectFailed(String route, String address, Throwable cause, long connectTimeoutMillis) {
        String where = where(route, address);
        if (cause instanceof ConnectTimeoutException) {
            return new AttemptFailure(Failure.CONNECT_TIMEOUT,
                    where + " did not accept the connection within " + connectTimeoutMillis + "ms", true);
        }
        if (cause instanceof ConnectException) return new AttemptFailure(Failure.REFUSED, where + " refused the connection", true);
        return new AttemptFailure(Failure.CONNECT_FAILED, where + " could not be reached: " + describe(cause), true);
    }

    /** Not an ejection: a pooled connection the server closed while idle looks just the same. */
    static AttemptFailure closedBeforeAnswer(String route, String address) {
        return new AttemptFailure(Failure.CLOSED, where(route, address) + " closed the connection before answering", false);
    }

    /** A reset or write error before the response head. */
    static AttemptFailure failedBeforeAnswer(String route, String address, Throwable cause) {
        return new AttemptFailure(Failure.CLOSED, where(route, address) + " failed before answering: " + describe(cause), true);
    }

    /** Not an ejection: the endpoint is up and answering, just not in valid HTTP. */
    static AttemptFailure invalidResponse(String route, String address, Throwable cause) {
        return new AttemptFailure(Failure.INVALID_RESPONSE,
                where(route, address) + " sent an invalid HTTP response: " + describe(cause), false);
    }

    static AttemptFailure timedOut(String route, String address, long timeoutMillis) {
        return new AttemptFailure(Failure.TIMEOUT, where(route, address) + " did not answer within " + timeoutMillis + "ms", true);
    }

    /**
     * Whether the traffic stats count this as a connect failure of the endpoint's backend: no
     * connection, a reset or no answer in time. That is exactly the set that ejects; a clean close
     * (maybe an idle pooled connection) and an invalid answer (the backend is up) are neither.
     */
    boolean connectFailure() {
        return eject;
    }

    private static String where(String route, String address) {
        return "route " + route + ": upstream " + address;
    }

    private static String describe(Throwable t) {
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
    }
}
