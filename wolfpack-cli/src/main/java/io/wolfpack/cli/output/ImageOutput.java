package io.wolfpack.cli.output;

import io.wolfpack.core.api.AffectedView;
import io.wolfpack.core.api.CampaignView;
import io.wolfpack.core.api.ImageRepoView;
import io.wolfpack.core.api.ImageView;
import io.wolfpack.core.api.SprawlView;
import io.wolfpack.core.image.ImageBuild;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Text for {@code wolfpack images} and {@code wolfpack campaign}. */
public final class ImageOutput {
    private ImageOutput() {
    }

    public static String repos(List<ImageRepoView> repos) {
        if (repos.isEmpty()) return "no image repositories; add one with: wolfpack images repo add PATH_OR_URL\n";
        Table t = Table.of("NAME", "SOURCE", "HEAD", "IMAGES", "PROBLEM");
        for (ImageRepoView r : repos) {
            t.row(r.repo().name(), r.repo().source(), shortCommit(r.head()), String.join(", ", r.images()), r.error());
        }
        return t.render();
    }

    /** The lineage as a tree: each image under the image it is built on; external bases at the roots. */
    public static String tree(List<ImageView> images, Instant now) {
        if (images.isEmpty()) return "no images; add a repository of Dockerfiles: wolfpack images repo add PATH_OR_URL\n";
        Map<String, List<ImageView>> children = new TreeMap<>();
        Map<String, List<ImageView>> roots = new TreeMap<>();
        for (ImageView i : images) {
            if (i.base() != null) children.computeIfAbsent(i.base(), b -> new ArrayList<>()).add(i);
            else roots.computeIfAbsent(i.externalBase() == null ? "?" : i.externalBase(), b -> new ArrayList<>()).add(i);
        }
        StringBuilder out = new StringBuilder();
        roots.forEach((external, list) -> {
            out.append(external).append(" (external)\n");
            list.sort(Comparator.comparing(ImageView::name));
            for (int k = 0; k < list.size(); k++) branch(out, list.get(k), children, "", k == list.size() - 1, now);
        });
        return out.toString();
    }

    private static void branch(StringBuilder out, ImageView i, Map<String, List<ImageView>> children, String indent,
                               boolean last, Instant now) {
        out.append(indent).append(last ? "└─ " : "├─ ").append(i.name()).append(':').append(i.tag());
        ImageBuild b = i.latest();
        if (i.error() != null) out.append("  ! ").append(i.error());
        else if (b == null) out.append("  (never built)");
        else out.append("  ").append(shortDigest(b.digest())).append(", ").append(b.method()).append(' ')
                .append(Format.age(b.builtAt(), now)).append(" ago at ").append(shortCommit(b.revision()));
        if (!i.inputs().isEmpty()) out.append("  [inputs: ").append(String.join(", ", i.inputs())).append(']');
        out.append('\n');
        List<ImageView> kids = new ArrayList<>(children.getOrDefault(i.name(), List.of()));
        kids.sort(Comparator.comparing(ImageView::name));
        for (int k = 0; k < kids.size(); k++) branch(out, kids.get(k), children, indent + (last ? "   " : "│  "), k == kids.size() - 1, now);
    }

    public static String builds(List<ImageBuild> builds) {
        if (builds.isEmpty()) return "nothing to build\n";
        Table t = Table.of("IMAGE", "DIGEST", "HOW", "BASE", "NOTE");
        for (ImageBuild b : builds) {
            t.row(b.image() + ":" + b.tag(), shortDigest(b.digest()), b.method(), b.baseImage(), b.note());
        }
        return t.render();
    }

    public static String affected(AffectedView a) {
        StringBuilder out = new StringBuilder();
        int images = a.images().stream().mapToInt(List::size).sum();
        out.append(a.of()).append(": ").append(images).append(images == 1 ? " image, " : " images, ")
                .append(a.services().size()).append(a.services().size() == 1 ? " service, " : " services, ")
                .append(a.instances()).append(a.instances() == 1 ? " instance on " : " instances on ")
                .append(a.hosts().size()).append(a.hosts().size() == 1 ? " host\n" : " hosts\n");
        for (int level = 0; level < a.images().size(); level++) {
            out.append("  level ").append(level + 1).append(": ").append(String.join(", ", a.images().get(level))).append('\n');
        }
        if (!a.services().isEmpty()) {
            Table t = Table.of("SERVICE", "IMAGE", "INSTANCES", "HOSTS");
            for (AffectedView.Service s : a.services()) {
                t.row(s.service(), s.image(), s.instances().size(),
                        String.join(",", s.instances().stream().map(AffectedView.Instance::node).distinct().sorted().toList()));
            }
            out.append(t.render());
        }
        return out.toString();
    }

    public static String sprawl(SprawlView s) {
        StringBuilder out = new StringBuilder();
        Table services = Table.of("SERVICE", "VERSIONS", "IMAGES (INSTANCES)");
        for (SprawlView.ServiceVersions v : s.services()) {
            services.row(v.service(), v.versions().size(),
                    String.join(", ", v.versions().stream().map(x -> x.image() + " (" + x.instances() + ")").toList()));
        }
        out.append(services.size() == 0 ? "no services\n" : services.render());
        if (!s.bases().isEmpty()) {
            out.append('\n');
            Table bases = Table.of("BASE", "BUILD", "AGE", "LIVE IMAGES ON IT");
            for (SprawlView.BaseVersions b : s.bases()) {
                for (SprawlView.BaseVersion v : b.versions()) {
                    bases.row(b.base(), shortDigest(v.digest()), v.ageDays() + "d", String.join(", ", v.images()));
                }
            }
            out.append(bases.render());
        }
        if (s.budget() != null) {
            out.append("\nbudget: at most ").append(s.budget().maxVersionsPerService()).append(" live versions per service, no base older than ")
                    .append(s.budget().maxBaseAgeDays()).append(" days: ");
            out.append(s.violations().isEmpty() ? "kept\n" : s.violations().size() + " broken\n");
        }
        for (String v : s.violations()) out.append("  ! ").append(v).append('\n');
        return out.toString();
    }

    public static String campaigns(List<CampaignView> campaigns, Instant now) {
        if (campaigns.isEmpty()) return "no campaigns; start one with: wolfpack campaign start --base NAME --dry-run\n";
        Table t = Table.of("ID", "BASE", "STATE", "IMAGES", "SERVICES", "STARTED", "TRIGGER");
        for (CampaignView c : campaigns) {
            long imagesDone = c.images().stream().filter(i -> i.status().equals("built") || i.status().equals("rebased")).count();
            List<CampaignView.ServiceStep> all = c.waves().stream().flatMap(List::stream).toList();
            long servicesDone = all.stream().filter(s -> s.status().equals("done")).count();
            t.row(c.id(), c.base(), c.state(), imagesDone + "/" + c.images().size(), servicesDone + "/" + all.size(),
                    c.startedAt() == null ? "" : Format.age(c.startedAt(), now) + " ago", c.trigger());
        }
        return t.render();
    }

    public static String campaign(CampaignView c, Instant now) {
        StringBuilder out = new StringBuilder();
        out.append("campaign ").append(c.id()).append(": base ").append(c.base()).append(", ").append(c.state());
        if (c.startedAt() != null && !c.state().equals("planned")) out.append(", started ").append(Format.age(c.startedAt(), now)).append(" ago");
        out.append(" (").append(c.trigger()).append(")\n");
        if (c.haltReason() != null) out.append("halted: ").append(c.haltReason()).append('\n');
        Table images = Table.of("LEVEL", "IMAGE", "STATUS", "HOW", "DIGEST", "WHY");
        for (CampaignView.ImageStep i : c.images()) {
            images.row(i.level() + 1, i.image(), i.status(), i.method(), shortDigest(i.digest()), i.note());
        }
        out.append(images.size() == 0 ? "no images to rebuild\n" : images.render());
        if (c.waves().isEmpty()) {
            out.append("no service runs an affected image\n");
        } else {
            Table waves = Table.of("WAVE", "SERVICE", "INSTANCES", "STATUS", "REVISION", "NOTE");
            for (int w = 0; w < c.waves().size(); w++) {
                for (CampaignView.ServiceStep s : c.waves().get(w)) {
                    waves.row(w + 1, s.service(), s.instances(), s.status(), s.revision(), s.note());
                }
            }
            out.append(waves.render());
        }
        if (c.state().equals("planned")) out.append("dry run: nothing was built or rolled out; start it without --dry-run\n");
        return out.toString();
    }

    static String shortDigest(String digest) {
        if (digest == null) return null;
        String hex = digest.startsWith("sha256:") ? digest.substring(7) : digest;
        return "sha256:" + hex.substring(0, Math.min(12, hex.length()));
    }

    static String shortCommit(String commit) {
        return commit == null ? null : commit.substring(0, Math.min(8, commit.length()));
    }
}
