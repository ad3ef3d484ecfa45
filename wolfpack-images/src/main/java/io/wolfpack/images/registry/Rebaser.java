package io.wolfpack.images.registry;

import io.wolfpack.core.spec.ImageReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;

/**
 * Rebase without rebuild: reads the image, its old base and the new base from one registry, asks
 * {@link RebasePolicy} whether swapping the base layers is safe, and if so makes the new base's
 * blobs available in the image's repository (cross-repository mount, or copy), pushes the spliced
 * config and manifest under the target tag, and returns the new digest. Nothing is pushed when
 * the answer is no. A multi-platform index anywhere is a "no" with its reason; any other registry
 * failure (unreachable, not found) is thrown as a {@link RegistryException}.
 */
public final class Rebaser {
    private static final Logger log = LoggerFactory.getLogger(Rebaser.class);

    private final RegistryClient registry;
    private final Clock clock;

    public Rebaser(RegistryClient registry) {
        this(registry, Clock.systemUTC());
    }

    public Rebaser(RegistryClient registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
    }

    /**
     * Rebases {@code image} from {@code oldBase} onto {@code newBase} and pushes it as
     * {@code image.repository():targetTag}. The registry parts of the three references are
     * ignored (they may name another listener of the same storage): everything is read from and
     * written to this rebaser's registry. A reference with neither tag nor digest means "latest".
     */
    public RebaseResult rebase(ImageReference image, ImageReference oldBase, ImageReference newBase, String targetTag) {
        return rebase(image.repository(), reference(image), oldBase, newBase, targetTag);
    }

    public RebaseResult rebase(String imageRepository, String imageReference, ImageReference oldBase, ImageReference newBase, String targetTag) {
        checkTargetTag(imageRepository, targetTag);
        RebaseImage image;
        RebaseImage old;
        RebaseImage next;
        try {
            image = fetch(imageRepository, imageReference);
            old = fetch(oldBase.repository(), reference(oldBase));
            next = fetch(newBase.repository(), reference(newBase));
        } catch (RegistryException e) {
            if (e.kind() != RegistryException.Kind.UNSUPPORTED) throw e;
            return refused(imageRepository, imageReference, e.getMessage());
        }
        RebaseDecision decision = RebasePolicy.decide(image, old, next);
        if (!decision.safe()) return refused(imageRepository, imageReference, decision.reason());

        int mounted = 0;
        int copied = 0;
        for (Descriptor layer : next.manifest().layers()) {
            if (registry.blobExists(imageRepository, layer.digest())) continue;
            if (registry.mountBlob(imageRepository, layer.digest(), newBase.repository()) == BlobTransfer.MOUNTED) mounted++;
            else copied++;
        }
        String baseName = new ImageReference(newBase.registry() == null ? registry.host() : newBase.registry(),
                newBase.repository(), newBase.tag(), newBase.digest()).toString();
        byte[] config = RebaseSplice.config(image, old, next, baseName, clock.instant());
        String configDigest = registry.putBlob(imageRepository, config);
        Descriptor configDescriptor = new Descriptor(image.manifest().config().mediaType(), configDigest, config.length);
        byte[] manifest = RebaseSplice.manifest(image, old, next, configDescriptor, baseName);
        String digest = registry.putManifest(imageRepository, targetTag, manifest, image.manifest().mediaType());

        int own = image.manifest().layers().size() - decision.oldBaseLayers();
        String what = "swapped " + decision.oldBaseLayers() + " layers of " + old.name() + " for " + next.manifest().layers().size()
                + " of " + next.name() + " (" + next.manifest().digest() + "), kept " + own + " own layers; "
                + mounted + " blobs mounted, " + copied + " copied";
        log.info("rebased {}:{} → {}:{}@{}: {}", imageRepository, imageReference, imageRepository, targetTag, digest, what);
        return RebaseResult.done(digest, what);
    }

    private RebaseImage fetch(String repository, String reference) {
        Manifest manifest = registry.manifest(repository, reference);
        return new RebaseImage(repository + (reference.startsWith("sha256:") ? "@" : ":") + reference, manifest,
                registry.configBlob(repository, manifest.config().digest()));
    }

    private static RebaseResult refused(String repository, String reference, String reason) {
        log.info("not rebasing {}:{}: {}", repository, reference, reason);
        return RebaseResult.refused(reason);
    }

    /** Checked before anything is pushed, so a bad tag cannot leave a half-done rebase behind. */
    private static void checkTargetTag(String repository, String tag) {
        try {
            ImageReference parsed = ImageReference.parse(repository + ":" + tag);
            if (parsed.digest() != null || parsed.registry() != null) throw new IllegalArgumentException("must be a plain tag");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("target tag '" + tag + "' of " + repository + ": " + e.getMessage(), e);
        }
    }

    /** The digest when pinned, else the tag, else "latest". */
    private static String reference(ImageReference ref) {
        if (ref.digest() != null) return ref.digest();
        return ref.tag() == null ? "latest" : ref.tag();
    }
}
