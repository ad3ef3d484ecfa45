package io.wolfpack.core.reconcile;

import java.util.random.RandomGenerator;

/** Instance IDs: the service name, a dash and six base-36 characters ("web-k3x9q2"). */
public final class InstanceIds {
    private static final String ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";

    private InstanceIds() {
    }

    public static String next(String service, RandomGenerator random) {
        StringBuilder sb = new StringBuilder(service.length() + 7).append(service).append('-');
        for (int i = 0; i < 6; i++) sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        return sb.toString();
    }
}
