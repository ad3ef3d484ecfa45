package io.wolfpack.agent.health;

/** One probe of an instance; runs on the monitor's pool, must return within its timeout and never throw. */
public interface HealthCheck {
    CheckResult run();
}
