package io.wolfpack.images.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides, from the three manifests and configs alone, whether an image can move from its old base
 * to a new one by swapping layers at the registry instead of a rebuild. Safe when:
 * <ul>
 * <li>the image's layers begin with exactly the old base's layer digests, and its rootfs.diff_ids
 *     with the old base's diff_ids (so the image really was built on that base);</li>
 * <li>the new base has the same os, architecture and variant as the old base (the image's own
 *     binaries still run), and the image agrees with the old base on them;</li>
 * <li>every config is consistent (as many diff_ids, and non-empty history entries, as layers), so
 *     the spliced config is consistent too;</li>
 * <li>the new base's layer media types fit the image's manifest format.</li>
 * </ul>
 * Multi-platform images never get here: {@link RegistryClient#manifest} refuses an index.
 * Rebase cannot see what the image's own layers assume of the base (a library version, a path);
 * that is what the canary that follows a rebase is for.
 */
public final class RebasePolicy {
    private RebasePolicy() {
    }

    public static RebaseDecision decide(RebaseImage image, RebaseImage oldBase, RebaseImage newBase) {
        List<String> reasons = new ArrayList<>();
        for (RebaseImage each : List.of(image, oldBase, newBase)) consistency(each, reasons);

        int n = oldBase.manifest().layers().size();
        boolean layersMatch = startsWith(image.manifest().layerDigests(), oldBase.manifest().layerDigests(), "layers", "layer", n, reasons);
        if (layersMatch) startsWith(image.diffIds(), oldBase.diffIds(), "rootfs.diff_ids", "diff_id", n, reasons);

        change("os", oldBase.os(), newBase.os(), reasons);
        change("architecture", oldBase.architecture(), newBase.architecture(), reasons);
        change("variant", oldBase.variant(), newBase.variant(), reasons);
        if (!image.os().equals(oldBase.os()) || !image.architecture().equals(oldBase.architecture())) {
            reasons.add("the image is " + platform(image) + " but the old base is " + platform(oldBase));
        }

        String manifestType = image.manifest().mediaType();
        List<Descriptor> newLayers = newBase.manifest().layers();
        for (int i = 0; i < newLayers.size(); i++) {
            Optional<String> fits = MediaTypes.layerTypeFor(manifestType, newLayers.get(i).mediaType());
            if (fits.isEmpty()) {
                reasons.add("the new base's layer " + (i + 1) + " (" + newLayers.get(i).mediaType() + ") cannot go into a " + manifestType + " manifest");
            }
        }
        if (!image.history().isEmpty() && newBase.history().isEmpty() && !newLayers.isEmpty()) {
            reasons.add("the new base's config has no history while the image's has; the spliced history would not match the layers");
        }
        return reasons.isEmpty() ? RebaseDecision.safe(n) : RebaseDecision.unsafe(reasons);
    }

    private static void consistency(RebaseImage each, List<String> reasons) {
        int layers = each.manifest().layers().size();
        int diffIds = each.diffIds().size();
        if (diffIds != layers) {
            reasons.add(each.name() + "'s config lists " + diffIds + " rootfs.diff_ids for " + layers + " layers");
        }
        if (!each.history().isEmpty()) {
            long made = RebaseImage.nonEmpty(each.history());
            if (made != layers) reasons.add(each.name() + "'s history has " + made + " non-empty entries for " + layers + " layers");
        }
    }

    /** Adds a reason and returns false unless {@code list} begins with {@code prefix}. */
    private static boolean startsWith(List<String> list, List<String> prefix, String what, String one, int n, List<String> reasons) {
        String base = "the old base's " + n + " " + what.replace("rootfs.", "");
        if (list.size() < prefix.size()) {
            reasons.add(what + " do not start with " + base + ": the image has only " + list.size());
            return false;
        }
        for (int i = 0; i < prefix.size(); i++) {
            if (!list.get(i).equals(prefix.get(i))) {
                reasons.add(what + " do not start with " + base + " (" + one + " " + (i + 1) + " is " + shortDigest(list.get(i))
                        + ", the old base's is " + shortDigest(prefix.get(i)) + ")");
                return false;
            }
        }
        return true;
    }

    private static void change(String field, String old, String now, List<String> reasons) {
        if (!Objects.equals(old, now)) reasons.add(field + " changes " + show(old) + " → " + show(now));
    }

    private static String platform(RebaseImage image) {
        return show(image.os()) + "/" + show(image.architecture());
    }

    private static String show(String value) {
        return value.isEmpty() ? "(none)" : value;
    }

    /** "sha256:" and 12 hex digits: enough to tell layers apart in a sentence. */
    static String shortDigest(String digest) {
        return digest.startsWith("sha256:") && digest.length() > 19 ? digest.substring(0, 19) : digest;
    }
}
