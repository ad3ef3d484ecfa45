package io.wolfpack.server.images;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.wolfpack.core.api.ImageRepoView;
import io.wolfpack.core.image.ImageRepo;
import io.wolfpack.core.json.Json;
import io.wolfpack.images.git.DockerfileRepository;
import io.wolfpack.images.git.ImageSource;
import io.wolfpack.server.api.HttpProblem;
import io.wolfpack.server.cluster.EventLog;
import io.wolfpack.store.ImageStore;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * /v1/images and /v1/campaigns (docs/API.md): repositories, builds, tree, affected, sprawl and
 * campaigns. With images off (no --registry) every call says how to turn them on.
 */
final class ImageHandlers {
    private static final Pattern REPO_NAME = Pattern.compile("[a-z0-9]([a-z0-9-]{0,38}[a-z0-9])?");

    private final Images images;
    private final ImageStore store;
    private final EventLog events;
    private final Clock clock;

    ImageHandlers(Images images, ImageStore store, EventLog events, Clock clock) {
        this.images = images;
        this.store = store;
        this.events = events;
        this.clock = clock;
    }

    void register(Javalin app) {
        app.post("/v1/images/repos", this::addRepo);
        app.get("/v1/images/repos", this::listRepos);
        app.get("/v1/images", ctx -> ctx.json(on().catalog().tree()));
        app.post("/v1/images/build", this::build);
        app.get("/v1/images/affected", ctx -> {
            String of = ctx.queryParam("of");
            if (of == null || of.isBlank()) throw HttpProblem.badField("of", of, "give an image name or a build's digest (sha256:…)");
            try {
                ctx.json(on().catalog().affected(of.trim()));
            } catch (IllegalArgumentException e) {
                throw HttpProblem.badField("of", of, e.getMessage());
            }
        });
        app.get("/v1/images/sprawl", ctx -> ctx.json(on().catalog().sprawl()));
        app.post("/v1/campaigns", this::startCampaign);
        app.get("/v1/campaigns", ctx -> ctx.json(on().campaigns().list()));
        app.get("/v1/campaigns/{id}", ctx -> ctx.json(on().campaigns().get(ctx.pathParam("id"))
                .orElseThrow(() -> HttpProblem.notFound("no campaign " + ctx.pathParam("id") + "; see wolfpack campaign ls"))));
        for (String verb : List.of("pause", "resume", "abort")) {
            app.post("/v1/campaigns/{id}/" + verb, ctx -> {
                String id = ctx.pathParam("id");
                if (on().campaigns().get(id).isEmpty()) throw HttpProblem.notFound("no campaign " + id + "; see wolfpack campaign ls");
                try {
                    ctx.json(on().campaigns().act(id, verb));
                } catch (IllegalStateException e) {
                    throw new HttpProblem(409, e.getMessage());
                }
            });
        }
    }

    private Images on() {
        if (!images.config().enabled()) {
            throw new HttpProblem(409, "images are off on this server: start it with --registry HOST:PORT (the registry hosts pull "
                    + "from) and, when this server's engine reaches it at another address, --registry-push HOST:PORT; see docs/IMAGES.md");
        }
        return images;
    }

    private void addRepo(Context ctx) {
        JsonNode body = body(ctx);
        String source = text(body, "source");
        if (source == null || source.isBlank()) throw HttpProblem.badField("source", source, "give a git repository's path on the server host or its URL");
        String name = text(body, "name");
        if (name == null) name = defaultName(source);
        if (!REPO_NAME.matcher(name).matches()) {
            throw HttpProblem.badField("name", name, "must be 1-40 lower-case letters, digits or '-', not starting or ending with '-'");
        }
        if (store.repo(name).isPresent()) throw new HttpProblem(409, "an image repository named " + name + " exists; pick another --name");
        ImageRepo repo = new ImageRepo(name, source.trim(), clock.instant(), null);
        DockerfileRepository opened;
        List<ImageSource> found;
        try {
            opened = DockerfileRepository.open(repo.source(), on().config().workDir().resolve("repos").resolve(name));
            found = opened.images();
        } catch (RuntimeException e) {
            throw HttpProblem.badField("source", source, e.getMessage());
        }
        String head = opened.head();
        opened.close();
        store.putRepo(repo.withLastCommit(head));
        events.emit("image.repo-added", null, null, null, "repository " + name + " (" + source + ") at " + head + ": "
                + found.size() + " images");
        ctx.status(201).json(new ImageRepoView(repo.withLastCommit(head), head, found.stream().map(ImageSource::name).toList(), null));
    }

    private void listRepos(Context ctx) {
        List<ImageRepoView> out = new ArrayList<>();
        for (ImageRepo r : on().repos().list()) {
            try {
                DockerfileRepository opened = on().repos().repository(r);
                out.add(new ImageRepoView(r, opened.head(), opened.images().stream().map(ImageSource::name).toList(), null));
            } catch (RuntimeException e) {
                out.add(new ImageRepoView(r, null, List.of(), e.getMessage()));
            }
        }
        ctx.json(out);
    }

    private void build(Context ctx) {
        JsonNode body = body(ctx);
        List<String> names = new ArrayList<>();
        JsonNode list = body.get("images");
        if (list != null && !list.isNull()) {
            if (!list.isArray()) throw HttpProblem.badField("images", list.toString(), "must be a list of image names (empty: all)");
            list.forEach(n -> names.add(n.asText()));
        }
        try {
            ctx.json(on().builds().build(names));
        } catch (IllegalArgumentException e) {
            throw HttpProblem.badField("images", String.join(",", names), e.getMessage());
        } catch (IllegalStateException e) {
            throw new HttpProblem(409, e.getMessage());
        }
    }

    private void startCampaign(Context ctx) {
        JsonNode body = body(ctx);
        String base = text(body, "base");
        if (base == null || base.isBlank()) throw HttpProblem.badField("base", base, "name the base image to patch (see wolfpack images tree)");
        boolean dryRun = body.path("dryRun").asBoolean(false);
        int waveSize = body.path("waveSize").asInt(1);
        int parallel = body.path("parallel").asInt(CampaignRunner.DEFAULT_PARALLEL);
        if (waveSize < 1) throw HttpProblem.badField("waveSize", String.valueOf(waveSize), "must be at least 1");
        if (parallel < 1 || parallel > 16) throw HttpProblem.badField("parallel", String.valueOf(parallel), "must be between 1 and 16");
        try {
            var view = on().campaigns().start(base.trim(), dryRun, waveSize, parallel, "by hand");
            ctx.status(dryRun ? 200 : 201).json(view);
        } catch (IllegalArgumentException e) {
            throw HttpProblem.badField("base", base, e.getMessage());
        }
    }

    static String defaultName(String source) {
        String s = source.trim().replaceAll("/+$", "");
        s = s.substring(s.lastIndexOf('/') + 1).replaceAll("\\.git$", "").toLowerCase(java.util.Locale.ROOT);
        s = s.replaceAll("[^a-z0-9-]+", "-").replaceAll("^-+|-+$", "");
        if (s.length() > 40) s = s.substring(0, 40).replaceAll("-+$", "");
        return s.isEmpty() ? "images" : s;
    }

    private static JsonNode body(Context ctx) {
        String text = ctx.body();
        if (text == null || text.isBlank()) return Json.MAPPER.createObjectNode();
        try {
            JsonNode n = Json.MAPPER.readTree(text);
            if (!n.isObject()) throw new HttpProblem(400, "the body must be a JSON object");
            return n;
        } catch (java.io.IOException e) {
            throw new HttpProblem(400, "the body is not JSON: " + e.getMessage());
        }
    }

    private static String text(JsonNode body, String field) {
        JsonNode n = body.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }

}
