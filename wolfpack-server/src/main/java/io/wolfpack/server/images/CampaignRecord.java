package io.wolfpack.server.images;

import io.wolfpack.core.image.Campaign;
import io.wolfpack.core.image.ImageBuild;

import java.util.Map;
import java.util.TreeMap;

/**
 * What is kept of a campaign in ZooKeeper: the pure state machine's record, plus what the runner
 * needs beside it — what started it, the new build of the base everything moves onto (null until
 * made), the last build of each image before the campaign (what a rebase starts from), and the
 * revision each service was given.
 */
record CampaignRecord(Campaign campaign, String trigger, int parallel, ImageBuild baseBuild, String baseNote,
                      Map<String, ImageBuild> before, Map<String, Long> revisions) {
    CampaignRecord {
        before = before == null ? Map.of() : Map.copyOf(before);
        revisions = revisions == null ? Map.of() : Map.copyOf(revisions);
        baseNote = baseNote == null ? "" : baseNote;
    }

    CampaignRecord with(Campaign c) {
        return new CampaignRecord(c, trigger, parallel, baseBuild, baseNote, before, revisions);
    }

    CampaignRecord withBase(ImageBuild b, String note) {
        return new CampaignRecord(campaign, trigger, parallel, b, note, before, revisions);
    }

    CampaignRecord withRevision(String service, long revision) {
        Map<String, Long> r = new TreeMap<>(revisions);
        r.put(service, revision);
        return new CampaignRecord(campaign, trigger, parallel, baseBuild, baseNote, before, r);
    }
}
