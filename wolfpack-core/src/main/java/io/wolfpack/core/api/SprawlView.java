package io.wolfpack.core.api;

import java.util.List;

/**
 * How many versions are live ({@code GET /v1/images/sprawl}): per service, the images its
 * instances run; per base, the builds of it that live images stand on and how old each is; and
 * what breaks the version budget.
 */
public record SprawlView(List<ServiceVersions> services, List<BaseVersions> bases, Budget budget, List<String> violations) {
    public SprawlView {
        services = services == null ? List.of() : List.copyOf(services);
        bases = bases == null ? List.of() : List.copyOf(bases);
        violations = violations == null ? List.of() : List.copyOf(violations);
    }

    public record ServiceVersions(String service, List<Version> versions) {
        public ServiceVersions {
            versions = versions == null ? List.of() : List.copyOf(versions);
        }
    }

    public record Version(String image, int instances) {
    }

    public record BaseVersions(String base, List<BaseVersion> versions) {
        public BaseVersions {
            versions = versions == null ? List.of() : List.copyOf(versions);
        }
    }

    /** One build of a base: its digest, its age in days, and the live images standing on it. */
    public record BaseVersion(String digest, long ageDays, List<String> images) {
        public BaseVersion {
            images = images == null ? List.of() : List.copyOf(images);
        }
    }

    /** At most this many live versions per service, and no base build older than this many days. */
    public record Budget(int maxVersionsPerService, int maxBaseAgeDays) {
    }
}
