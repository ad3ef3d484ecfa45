package io.wolfpack.core.spec;

/** CPU in cores (0.25 = a quarter of one core) and memory; both are limits and scheduling requests. */
public record Resources(double cpu, ByteSize memory) {
    public static final Resources DEFAULT = new Resources(0.1, ByteSize.parse("128Mi"));

    public long milliCpu() {
        return Math.round(cpu * 1000);
    }
}
