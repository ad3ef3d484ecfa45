package io.wolfpack.agent.reconcile;

import io.wolfpack.core.model.InstanceState;

import java.time.Duration;
import java.time.Instant;

/**
 * What the agent remembers about one assigned instance between passes. Lost when the agent
 * restarts, which is safe: an adopted running container needs none of it.
 *
 * @param restarts      times the agent started the container again after it exited, or replaced it for failing its check
 * @param failures      exits, failed pulls/creates/starts and health restarts in a row; drives the backoff
 * @param backoffUntil  no new attempt before this instant; null when not waiting
 * @param message       the last problem in a person's words, with the planned retry
 * @param pullFailures  failed pulls in a row of the instance's image
 * @param countedExit   finish time of the last exit already counted, so one exit counts once
 * @param containerId   the container last seen for the instance
 * @param state         the state last reported, and {@code since} when it began
 * @param replacing     the container being removed because it failed its check; its replacement counts as a restart
 * @param restartReason why the running container replaced one that failed its check, until the streak is over
 */
public record LocalInstanceState(int restarts, int failures, Instant backoffUntil, String message,
                                 Integer lastExitCode, int pullFailures, Instant countedExit,
                                 String containerId, InstanceState state, Instant since,
                                 String replacing, String restartReason) {

    public static final LocalInstanceState FRESH =
            new LocalInstanceState(0, 0, null, null, null, 0, null, null, null, null, null, null);

    public boolean inBackoff(Instant now) {
        return backoffUntil != null && now.isBefore(backoffUntil);
    }

    /** After a failed pull: back off and say why. */
    public LocalInstanceState pullFailed(String error, Instant now, Backoff backoff) {
        return failed("image pull failed: " + error, "retrying", now, backoff, pullFailures + 1);
    }

    /** After a failed create or start ({@code what} is "create failed" or "start failed"). */
    public LocalInstanceState startFailed(String what, String error, Instant now, Backoff backoff) {
        return failed(what + ": " + error, "retrying", now, backoff, pullFailures);
    }

    /** After the container exited with {@code exitCode} at {@code finishedAt}. */
    public LocalInstanceState exited(int exitCode, Instant finishedAt, boolean ranLongEnough, Instant now, Backoff backoff) {
        LocalInstanceState base = ranLongEnough ? withFailures(0) : this;
        LocalInstanceState s = base.failed("exited with code " + exitCode, "restarting", now, backoff, pullFailures);
        return new LocalInstanceState(s.restarts, s.failures, s.backoffUntil, s.message, exitCode, s.pullFailures,
                finishedAt, s.containerId, s.state, s.since, s.replacing, null);
    }

    /**
     * The running container {@code containerId} failed its check long enough: it is removed, and a
     * new container follows after the backoff, counted as a restart.
     */
    public LocalInstanceState unhealthy(String containerId, HealthRestartPolicy.Restart restart, Instant now, Backoff backoff) {
        LocalInstanceState s = failed(restart.problem(), "restarting", now, backoff, pullFailures);
        return new LocalInstanceState(s.restarts, s.failures, s.backoffUntil, s.message, s.lastExitCode, s.pullFailures,
                s.countedExit, s.containerId, s.state, s.since, containerId, restart.reason());
    }

    /** Whether {@code containerId} is the one being removed for failing its check. */
    public boolean isReplacing(String containerId) {
        return replacing != null && replacing.equals(containerId);
    }

    private LocalInstanceState failed(String problem, String verb, Instant now, Backoff backoff, int pulls) {
        int n = failures + 1;
        Duration wait = backoff.delay(n);
        return new LocalInstanceState(restarts, n, now.plus(wait), problem + "; " + verb + " in " + Backoff.words(wait),
                lastExitCode, pulls, countedExit, containerId, state, since, replacing, restartReason);
    }

    /** Sets the failure streak; ending it (0) also ends the wait and the reason of the last health restart. */
    public LocalInstanceState withFailures(int n) {
        return new LocalInstanceState(restarts, n, n == 0 ? null : backoffUntil, message, lastExitCode, n == 0 ? 0 : pullFailures,
                countedExit, containerId, state, since, replacing, n == 0 ? null : restartReason);
    }

    public LocalInstanceState withCountedExit(Instant finishedAt, Integer exitCode) {
        return new LocalInstanceState(restarts, failures, backoffUntil, message, exitCode, pullFailures, finishedAt,
                containerId, state, since, replacing, restartReason);
    }

    /** The agent starts the container again now: count the restart and stop waiting. */
    public LocalInstanceState restarting(boolean afterExit) {
        return new LocalInstanceState(afterExit ? restarts + 1 : restarts, failures, null, message, lastExitCode,
                pullFailures, countedExit, containerId, state, since, replacing, restartReason);
    }

    /**
     * A new container is created now; if it replaces one removed for failing its check, that is a
     * restart. {@code replacing} is cleared either way: the new container is judged afresh.
     */
    public LocalInstanceState creating() {
        return new LocalInstanceState(replacing != null ? restarts + 1 : restarts, failures, null, message, lastExitCode,
                pullFailures, countedExit, containerId, state, since, null, restartReason);
    }

    public LocalInstanceState withContainer(String id) {
        return new LocalInstanceState(restarts, failures, backoffUntil, message, lastExitCode, pullFailures, countedExit,
                id, state, since, replacing, restartReason);
    }

    /** Forgets a health restart in progress (the container went another way, e.g. a new revision). */
    public LocalInstanceState withoutReplacing() {
        return new LocalInstanceState(restarts, failures, backoffUntil, message, lastExitCode, pullFailures, countedExit,
                containerId, state, since, null, restartReason);
    }

    public LocalInstanceState withPullsSucceeded() {
        return new LocalInstanceState(restarts, failures, backoffUntil, message, lastExitCode, 0, countedExit,
                containerId, state, since, replacing, restartReason);
    }

    /** Records the state to report; {@code since} moves only when the state changes. */
    public LocalInstanceState inState(InstanceState newState, Instant changedAt) {
        Instant s = newState == state && since != null ? since : changedAt;
        return new LocalInstanceState(restarts, failures, backoffUntil, message, lastExitCode, pullFailures, countedExit,
                containerId, newState, s, replacing, restartReason);
    }
}
