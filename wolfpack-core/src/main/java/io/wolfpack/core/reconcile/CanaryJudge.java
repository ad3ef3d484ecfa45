package io.wolfpack.core.reconcile;

import java.time.Duration;
import java.util.Locale;

/**
 * Judges a canary against the stable revision from what the routers saw while it held: requests,
 * 5xx answers and failed connection attempts to each. Errors = 5xx + failed attempts; the rate is
 * errors over everything tried.
 *
 * <ul>
 *   <li><b>Fail</b> as soon as the canary has at least {@link #MIN_SAMPLE} tries and its error
 *       rate is above both twice the stable rate and the stable rate plus
 *       {@link #MIN_EXCESS} (one bad request in a quiet hour is no verdict), or when the hold is
 *       over and its instances are not all serving.</li>
 *   <li><b>Pass</b> when the hold is over, every canary instance serves and the rate is not worse.
 *       Little traffic is no reason to hold forever: with fewer than {@link #MIN_SAMPLE} tries the
 *       canary passes on health alone, and the verdict says so.</li>
 *   <li>Otherwise <b>wait</b>.</li>
 * </ul>
 */
public final class CanaryJudge {
    public static final long MIN_SAMPLE = 20;
    public static final double MIN_EXCESS = 0.01;

    private CanaryJudge() {
    }

    /** Traffic counted for one side while the canary held. */
    public record Traffic(long requests, long serverErrors, long connectFailures) {
        public static final Traffic NONE = new Traffic(0, 0, 0);

        long tries() {
            return requests + connectFailures;
        }

        long errors() {
            return serverErrors + connectFailures;
        }

        double rate() {
            return tries() == 0 ? 0 : errors() / (double) tries();
        }

        String describe() {
            return String.format(Locale.ROOT, "%d errors in %d tries (%.1f%%: %d 5xx, %d failed connections)",
                    errors(), tries(), 100 * rate(), serverErrors, connectFailures);
        }
    }

    public enum Outcome { WAIT, PASS, FAIL }

    public record Verdict(Outcome outcome, String evidence) {
    }

    /**
     * @param serving  canary instances serving now
     * @param wanted   canary instances the rollout runs
     * @param held     how long the canary has held so far
     */
    public static Verdict judge(Traffic canary, Traffic stable, int serving, int wanted, Duration held, Duration hold) {
        String numbers = "canary " + canary.describe() + "; stable " + stable.describe();
        double limit = Math.max(2 * stable.rate(), stable.rate() + MIN_EXCESS);
        if (canary.tries() >= MIN_SAMPLE && canary.rate() > limit) {
            return new Verdict(Outcome.FAIL, "error rate worse than stable: " + numbers);
        }
        if (held.compareTo(hold) < 0) return new Verdict(Outcome.WAIT, numbers);
        if (serving < wanted) {
            return new Verdict(Outcome.FAIL, serving + " of " + wanted + " canary instances serving after the " + hold.toSeconds()
                    + "s hold; " + numbers);
        }
        String note = canary.tries() < MIN_SAMPLE ? " (little traffic: passed on health)" : "";
        return new Verdict(Outcome.PASS, numbers + note);
    }
}
