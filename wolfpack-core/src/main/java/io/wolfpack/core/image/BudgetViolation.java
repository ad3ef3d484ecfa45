package io.wolfpack.core.image;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/**
 * One broken rule of the {@link VersionBudget}, with the numbers and a sentence an operator can act on.
 *
 * @param subject the service name, or the base version's reference
 */
public record BudgetViolation(Kind kind, String subject, long actual, long limit, String message) {
    public enum Kind {
        /** A service runs more distinct images than allowed. */
        SERVICE_VERSIONS,
        /** Something running stands on a base build older than allowed. */
        BASE_AGE;

        @JsonValue
        public String wire() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }
}
