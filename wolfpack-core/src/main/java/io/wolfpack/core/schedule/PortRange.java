package io.wolfpack.core.schedule;

/** The inclusive range of host ports Wolfpack hands out to instances, e.g. 20000-29999. */
public record PortRange(int first, int last) {
    public static final PortRange DEFAULT = new PortRange(20000, 29999);

    public PortRange {
        if (first < 1 || last > 65535 || first > last) {
            throw new IllegalArgumentException("port range " + first + "-" + last
                    + " is invalid: use first <= last, both within 1..65535, e.g. 20000-29999");
        }
    }

    public int size() {
        return last - first + 1;
    }

    public boolean contains(int port) {
        return port >= first && port <= last;
    }

    /** "20000-29999", the form used in explanations. */
    @Override
    public String toString() {
        return first + "-" + last;
    }
}
