package io.wolfpack.router;

import io.netty.channel.ConnectTimeoutException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;

import static org.assertj.core.api.Assertions.assertThat;

class AttemptFailureTest {
    private static final String EP = "10.0.0.5:20417";

    @Test
    void connectFailuresEjectAndSayWhatHappened() {
        assertThat(AttemptFailure.connectFailed("web", EP, new ConnectException("Connection refused"), 5000))
                .isEqualTo(new AttemptFailure(Failure.REFUSED, "route web: upstream 10.0.0.5:20417 refused the connection", true));
        assertThat(AttemptFailure.connectFailed("web", EP, new ConnectTimeoutException("x"), 300))
                .isEqualTo(new AttemptFailure(Failure.CONNECT_TIMEOUT,
                        "route web: upstream 10.0.0.5:20417 did not accept the connection within 300ms", true));
        assertThat(AttemptFailure.connectFailed("web", EP, new NoRouteToHostException(), 300))
                .isEqualTo(new AttemptFailure(Failure.CONNECT_FAILED,
                        "route web: upstream 10.0.0.5:20417 could not be reached: NoRouteToHostException", true));
    }

    @Test
    void aCleanCloseAndAnInvalidAnswerDoNotEject() {
        assertThat(AttemptFailure.closedBeforeAnswer("web", EP).eject()).isFalse();
        assertThat(AttemptFailure.closedBeforeAnswer("web", EP).message())
                .isEqualTo("route web: upstream 10.0.0.5:20417 closed the connection before answering");
        AttemptFailure invalid = AttemptFailure.invalidResponse("web", EP, new IllegalArgumentException("bad status line"));
        assertThat(invalid).isEqualTo(new AttemptFailure(Failure.INVALID_RESPONSE,
                "route web: upstream 10.0.0.5:20417 sent an invalid HTTP response: bad status line", false));
    }

    @Test
    void resetsAndTimeoutsEject() {
        assertThat(AttemptFailure.failedBeforeAnswer("web", EP, new IOException("Connection reset by peer")))
                .isEqualTo(new AttemptFailure(Failure.CLOSED,
                        "route web: upstream 10.0.0.5:20417 failed before answering: Connection reset by peer", true));
        assertThat(AttemptFailure.timedOut("web", EP, 30000))
                .isEqualTo(new AttemptFailure(Failure.TIMEOUT, "route web: upstream 10.0.0.5:20417 did not answer within 30000ms", true));
    }

    @Test
    void connectFailuresForTheTrafficStatsAreTheAttemptsThatGotNoAnswer() {
        assertThat(AttemptFailure.connectFailed("web", EP, new ConnectException("Connection refused"), 5000).connectFailure()).isTrue();
        assertThat(AttemptFailure.connectFailed("web", EP, new ConnectTimeoutException("x"), 300).connectFailure()).isTrue();
        assertThat(AttemptFailure.failedBeforeAnswer("web", EP, new IOException("Connection reset by peer")).connectFailure())
                .isTrue();
        assertThat(AttemptFailure.timedOut("web", EP, 30000).connectFailure()).isTrue();
        assertThat(AttemptFailure.closedBeforeAnswer("web", EP).connectFailure()).isFalse();
        assertThat(AttemptFailure.invalidResponse("web", EP, new IllegalArgumentException("x")).connectFailure()).isFalse();
    }
}
