package io.wolfpack.core.image;

/**
 * One image a service runs now and on how many instances; a service mid-rollout runs several.
 *
 * @param image the reference as written in the spec of the revision those instances run
 */
public record RunningImage(String service, String image, int instances) {
    public RunningImage {
        if (instances < 0) throw new IllegalArgumentException("instances of service '" + service + "' must not be negative, got " + instances);
    }
}
