package io.wolfpack.core.spec;

/**
 * Scale the service with its traffic: the autoscaler keeps {@code replicas} between {@code min}
 * and {@code max} so that each instance gets about {@code targetRps} requests a second at the
 * routers. A higher count must hold for {@code scaleUpWindow} and a lower one for
 * {@code scaleDownWindow} before it is applied, so a burst or a lull does not make it flap.
 */
public record AutoscaleSpec(int min, int max, double targetRps, TimeSpan scaleUpWindow, TimeSpan scaleDownWindow) {
    public static final TimeSpan DEFAULT_UP_WINDOW = TimeSpan.ofMillis(15_000);
    public static final TimeSpan DEFAULT_DOWN_WINDOW = TimeSpan.ofMillis(300_000);

    public AutoscaleSpec {
        if (scaleUpWindow == null) scaleUpWindow = DEFAULT_UP_WINDOW;
        if (scaleDownWindow == null) scaleDownWindow = DEFAULT_DOWN_WINDOW;
    }
}
