package io.wolfpack.core.spec;

/**
 * Scale the service with its load: the autoscaler keeps {@code replicas} between {@code min} and
 * {@code max} so that each instance gets about {@code targetRps} requests a second at the routers,
 * or uses about {@code targetCpu} cores; exactly one of the two is set. A higher count must hold
 * for {@code scaleUpWindow} and a lower one for {@code scaleDownWindow} before it is applied, so a
 * burst or a lull does not make it flap.
 */
public record AutoscaleSpec(int min, int max, Double targetRps, Double targetCpu, TimeSpan scaleUpWindow,
                            TimeSpan scaleDownWindow) {
    public static final TimeSpan DEFAULT_UP_WINDOW = TimeSpan.ofMillis(15_000);
    public static final TimeSpan DEFAULT_DOWN_WINDOW = TimeSpan.ofMillis(300_000);

    public AutoscaleSpec {
        if ((targetRps == null) == (targetCpu == null)) {
            throw new IllegalArgumentException("autoscale needs exactly one of targetRps and targetCpu, got "
                    + targetRps + " and " + targetCpu);
        }
        if (scaleUpWindow == null) scaleUpWindow = DEFAULT_UP_WINDOW;
        if (scaleDownWindow == null) scaleDownWindow = DEFAULT_DOWN_WINDOW;
    }

    /** Scaling on requests per second per instance. */
    public AutoscaleSpec(int min, int max, double targetRps, TimeSpan scaleUpWindow, TimeSpan scaleDownWindow) {
        this(min, max, targetRps, null, scaleUpWindow, scaleDownWindow);
    }

    /** Whether the target is CPU cores per instance rather than requests per second. */
    public boolean scalesOnCpu() {
        return targetCpu != null;
    }

    /** The per-instance target in its unit: requests per second, or cores. */
    public double target() {
        return targetCpu != null ? targetCpu : targetRps;
    }
}
