package io.wolfpack.cli.output;

import io.wolfpack.client.ApiException;
import io.wolfpack.core.spec.FieldError;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ErrorPrinterTest {
    @Test
    void badInputListsEveryFieldWithWhatWasGiven() {
        ApiException e = new ApiException(400, "invalid spec: 3 problems", List.of(
                new FieldError("replicas", "-1", "must be between 0 and 1000"),
                new FieldError("ports[1].name", "http", "duplicate port name; each port needs its own name"),
                new FieldError("image", null, "is required")), null);

        assertThat(ErrorPrinter.render(e)).isEqualTo("""
                error: invalid spec: 3 problems
                  - replicas: must be between 0 and 1000 (got -1)
                  - ports[1].name: duplicate port name; each port needs its own name (got http)
                  - image: is required (missing)
                """);
    }

    @Test
    void unauthorizedAddsWhereTheTokenComesFrom() {
        ApiException e = new ApiException(401, "missing or wrong token; it is in DATA_DIR/token", null, null);

        String text = ErrorPrinter.render(e);

        assertThat(text).startsWith("error: missing or wrong token; it is in DATA_DIR/token\n");
        assertThat(text).contains("--token", "WOLFPACK_TOKEN", ".wolfpack/token");
    }

    @Test
    void unreachablePrintsTheClientsMessageAsIs() {
        ApiException e = new ApiException(0, "cannot reach the Wolfpack server at http://127.0.0.1:1: connection refused;"
                + " is it running? Point at it with --addr or WOLFPACK_ADDR", null, null);

        assertThat(ErrorPrinter.render(e)).isEqualTo("error: " + e.getMessage() + "\n");
    }

    @Test
    void conflictSuggestsRunningAgain() {
        assertThat(ErrorPrinter.render(new ApiException(409, "web changed meanwhile", null, null)))
                .contains("run the command again");
    }
}
