package io.wolfpack.agent.health;

/** One run of a health check: passed or not, and in words what was tried and seen. */
public record CheckResult(boolean passed, String detail) {
    public static CheckResult pass(String detail) {
        return new CheckResult(true, detail);
    }

    public static CheckResult fail(String detail) {
        return new CheckResult(false, detail);
    }
}
