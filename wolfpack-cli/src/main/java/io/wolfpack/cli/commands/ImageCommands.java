package io.wolfpack.cli.commands;

import io.wolfpack.cli.output.ImageOutput;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code wolfpack images repo add|ls | build | tree | affected | sprawl}: the repositories of
 * Dockerfiles Wolfpack builds, the lineage graph, and what runs on what. docs/IMAGES.md.
 */
public final class ImageCommands {
    private ImageCommands() {
    }

    public static CommandLine command(ClientContext context) {
        CommandLine repo = new CommandLine(new Repo())
                .addSubcommand(new RepoAdd(context))
                .addSubcommand(new RepoList(context));
        return new CommandLine(new Images())
                .addSubcommand(repo)
                .addSubcommand(new Build(context))
                .addSubcommand(new Tree(context))
                .addSubcommand(new Affected(context))
                .addSubcommand(new Sprawl(context));
    }

    @Command(name = "images", mixinStandardHelpOptions = true,
            description = {"Images Wolfpack builds from git repositories of Dockerfiles, stamped with OCI labels "
                    + "(base name and digest, source, revision) and pushed to the cluster's registry; the lineage graph "
                    + "(every FROM and COPY --from) joined with what runs where. See docs/IMAGES.md."},
            footerHeading = HelpText.EXAMPLES,
            footer = {"  wolfpack images repo add /srv/dockerfiles", "  wolfpack images build", "  wolfpack images tree",
                    "  wolfpack images affected base", "  wolfpack images sprawl"},
            exitCodeListHeading = HelpText.EXIT_HEADING,
            exitCodeList = {HelpText.EXIT_OK, HelpText.EXIT_ERROR, HelpText.EXIT_USAGE, HelpText.EXIT_UNREACHABLE})
    static final class Images implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "missing subcommand: repo, build, tree, affected or sprawl (wolfpack images --help)");
        }
    }

    @Command(name = "repo", mixinStandardHelpOptions = true,
            description = {"Repositories of Dockerfiles: every directory with a Dockerfile is one image (name and tag "
                    + "from an image.yaml beside it, else the directory's path and 'latest')."},
            exitCodeListHeading = HelpText.EXIT_HEADING,
            exitCodeList = {HelpText.EXIT_OK, HelpText.EXIT_ERROR, HelpText.EXIT_USAGE, HelpText.EXIT_UNREACHABLE})
    static final class Repo implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand: add or ls (wolfpack images repo --help)");
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = {"Register a git repository of Dockerfiles by its path on the server host or its URL "
                    + "(cloned by the server). Its images join the lineage graph at once; new commits are looked at "
                    + "every 30 s, and one that changes an image with descendants starts a patch campaign."},
            footerHeading = HelpText.EXAMPLES,
            footer = {"  wolfpack images repo add /srv/dockerfiles", "  wolfpack images repo add https://git.example.com/ops/images.git --name ops"},
            exitCodeListHeading = HelpText.EXIT_HEADING,
            exitCodeList = {HelpText.EXIT_OK, HelpText.EXIT_ERROR, HelpText.EXIT_USAGE, HelpText.EXIT_UNREACHABLE})
    static final class RepoAdd extends ClientCommand {
        @Parameters(index = "0", paramLabel = "PATH_OR_URL", description = "A git repository: a path on the server host, or a URL.")
        String source;

        @Option(names = "--name", paramLabel = "NAME", description = "Its short name ([a-z0-9-]); default: from the path or URL.")
        String name;

        @Option(names = "--json", description = HelpText.JSON)
        boolean json;

        RepoAdd(ClientContext context) {
            super(context);
        }

        @Override
        public Integer call() {
            var view = api().addImageRepo(source, name);
            if (json) printJson(view);
            else print(ImageOutput.repos(List.of(view)));
            return ExitCodes.OK;
        }
    }

    @Command(name = "ls", aliases = "list", mixinStandardHelpOptions = true,
            description = {"List the registered repositories with their head commit and images."},
            exitCodeListHeading = HelpText.EXIT_HEADING,
            exitCodeList = {HelpText.EXIT_OK, HelpText.EXIT_ERROR, HelpText.EXIT_USAGE, HelpText.EXIT_UNREACHABLE})
    static final class RepoList extends ClientCommand {
        @Option(names = "--json", description = HelpText.JSON)
        boolean json;

        RepoList(ClientContext context) {
            super(context);
        }

        @Override
        public Integer call() {
            var repos = api().imageRepos();
            if (json) printJson(repos);
            else print(ImageOutput.repos(repos));
            return ExitCodes.OK;
        }
    }

    @Command(name = "build", mixinStandardHelpOptions = true,
            description = {"Build images through the server's Docker engine in lineage order (each base before what "
                    + "stands on it, independent images in parallel), pinning every base by the digest just recorded, "
                    + "stamp the OCI labels, push to the registry and record the lineage. Waits for the builds."},
            footerHeading = HelpText.EXAMPLES,
            footer = {"  wolfpack images build            # every image of every repository",
                    "  wolfpack images build base web   # these two (their bases must have been built before)"},
            exitCodeListHeading = HelpText.EXIT_HEADING,
            exitCodeList = {HelpText.EXIT_OK, HelpText.EXIT_ERROR, HelpText.EXIT_USAGE, HelpText.EXIT_UNREACHABLE})
    static final class Build extends ClientCommand {
        @Parameters(arity = "0..*", paramLabel = "IMAGE", description = "Images to build; none means all.")
        List<String> names = new ArrayList<>();

        @Option(names = "--json", description = HelpText.JSON)
        boolean json;

        Build(ClientContext context) {
            super(context);
        }

        @Override
        public Integer call() {
            var builds = api().buildImages(names);
            if (json) printJson(builds);
            else print(ImageOutput.builds(builds));
            return ExitCodes.OK;
        }
    }

    @Command(name = "tree", mixinStandardHelpOptions = true,
            description = {"The lineage graph: every image under the image it is built on, with its last build."},
            exitCodeListHeading = HelpText.EXIT_HEADING,
            exitCodeList = {HelpText.EXIT_OK, HelpText.EXIT_ERROR, HelpText.EXIT_USAGE, HelpText.EXIT_UNREACHABLE})
    static final class Tree extends ClientCommand {
        @Option(names = "--json", description = HelpText.JSON)
        boolean json;

        Tree(ClientContext context) {
            super(context);
        }

        @Override
        public Integer call() {
            var images = api().images();
            if (json) printJson(images);
            else print(ImageOutput.tree(new ArrayList<>(images), context.clock().instant()));
            return ExitCodes.OK;
        }
    }

    @Command(name = "affected", mixinStandardHelpOptions = true,
            description = {"Everything a base reaches, transitively: the images built on it (level by level), the "
                    + "services running any of them, their instances and hosts."},
            footerHeading = HelpText.EXAMPLES,
            footer = {"  wolfpack images affected base", "  wolfpack images affected sha256:4f1c…   # one build of it"},
            exitCodeListHeading = HelpText.EXIT_HEADING,
            exitCodeList = {HelpText.EXIT_OK, HelpText.EXIT_ERROR, HelpText.EXIT_USAGE, HelpText.EXIT_UNREACHABLE})
    static final class Affected extends ClientCommand {
        @Parameters(index = "0", paramLabel = "NAME|DIGEST", description = "An image name, or the digest of one build.")
        String of;

        @Option(names = "--json", description = HelpText.JSON)
        boolean json;

        Affected(ClientContext context) {
            super(context);
        }

        @Override
        public Integer call() {
            var view = api().affected(of);
            if (json) printJson(view);
            else print(ImageOutput.affected(view));
            return ExitCodes.OK;
        }
    }

    @Command(name = "sprawl", mixinStandardHelpOptions = true,
            description = {"Live versions per service and per base, the age of each base build, and what breaks the "
                    + "version budget (wolfpack server --max-versions, --max-base-age)."},
            exitCodeListHeading = HelpText.EXIT_HEADING,
            exitCodeList = {HelpText.EXIT_OK, HelpText.EXIT_ERROR, HelpText.EXIT_USAGE, HelpText.EXIT_UNREACHABLE})
    static final class Sprawl extends ClientCommand {
        @Option(names = "--json", description = HelpText.JSON)
        boolean json;

        Sprawl(ClientContext context) {
            super(context);
        }

        @Override
        public Integer call() {
            var view = api().sprawl();
            if (json) printJson(view);
            else print(ImageOutput.sprawl(view));
            return ExitCodes.OK;
        }
    }
}
