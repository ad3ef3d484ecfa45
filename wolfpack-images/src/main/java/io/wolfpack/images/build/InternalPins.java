package io.wolfpack.images.build;

import io.wolfpack.core.image.ParsedDockerfile;
import io.wolfpack.core.spec.ImageReference;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which images named in a Dockerfile are images of the same repository, and the pinned reference
 * each is built on. A name is internal when its repository name is among the pins given, whatever
 * registry host or tag is written ({@code base}, {@code base:1.0}, {@code REG/base:1.0}): the same
 * rule as {@code LineageBuilder.internalName}, since hosts may reach the registry at another address
 * than the builder does.
 */
final class InternalPins {
    private InternalPins() {
    }

    /**
     * @param pinned image name → pinned reference, e.g. "base" → "127.0.0.1:5000/base@sha256:…"
     * @return each name as written in the Dockerfile that is internal → its pinned reference
     */
    static Map<String, String> of(ParsedDockerfile parsed, Map<String, String> pinned, String image) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String written : parsed.externalImages()) {
            ImageReference ref = ImageReference.parse(written);  // the parser already checked it
            String pin = pinned.get(ref.repository());
            if (pin == null) continue;
            ImageReference pinRef;
            try {
                pinRef = ImageReference.parse(pin);
            } catch (IllegalArgumentException e) {
                throw new BuildException(image, ImageBuilder.STEP_RESOLVE, "pinned reference '" + pin + "' for "
                        + ref.repository() + " is not an image reference: " + e.getMessage());
            }
            if (pinRef.digest() == null) {
                throw new BuildException(image, ImageBuilder.STEP_RESOLVE, "pinned reference '" + pin + "' for "
                        + ref.repository() + " has no digest; give REGISTRY/" + ref.repository() + "@sha256:...");
            }
            out.put(written, pin);
        }
        return out;
    }
}
