package io.wolfpack.images.build;

/** A build that failed: which image, at which step, and what the engine or registry said. */
public final class BuildException extends RuntimeException {
    private final String image;
    private final String step;

    public BuildException(String image, String step, String detail) {
        this(image, step, detail, null);
    }

    public BuildException(String image, String step, String detail, Throwable cause) {
        super("image " + image + ": " + step + " failed: " + detail, cause);
        this.image = image;
        this.step = step;
    }

    /** The image's repository name, e.g. "apps/web". */
    public String image() {
        return image;
    }

    /** The step that failed: one of the {@code STEP_} constants of {@link ImageBuilder}. */
    public String step() {
        return step;
    }
}
