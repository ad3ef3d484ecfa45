package io.wolfpack.router;

import io.netty.util.ResourceLeakDetector;

/**
 * Netty's buffer leak detector for a production router process. At its default level it samples
 * one buffer in 128 and records a stack trace for each, measurably on the router's hot path, so
 * {@code wolfpack router} and {@code wolfpack dev} turn it off. It is a JVM-wide setting, hence
 * here and not in {@link Router}: tests start routers too and keep the detector to catch leaks.
 * Setting {@code -Dio.netty.leakDetection.level} (e.g. in WOLFPACK_JAVA_OPTS) wins.
 */
public final class LeakDetection {
    static final String LEVEL_PROPERTY = "io.netty.leakDetection.level";
    private static final String LEGACY_LEVEL_PROPERTY = "io.netty.leakDetectionLevel";

    private LeakDetection() {
    }

    /** Turns the leak detector off, unless the JVM was started with a level of its own. */
    public static void offUnlessConfigured() {
        if (System.getProperty(LEVEL_PROPERTY) == null && System.getProperty(LEGACY_LEVEL_PROPERTY) == null) {
            ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
        }
    }
}
