package io.wolfpack.cli.commands;

import io.wolfpack.cli.output.DeployOutput;
import io.wolfpack.client.ApiClient;
import io.wolfpack.client.ApiException;
import io.wolfpack.core.api.ServiceView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code wolfpack deploy -f FILE}: create or update a service. */
@Command(name = "deploy", mixinStandardHelpOptions = true,
        description = {"Create a service, or update it when one of that name exists.",
                "A changed spec (other than replicas) makes a new revision whose instances replace the old ones "
                        + "one by one, each healthy before an old one stops."},
        footerHeading = HelpText.EXAMPLES,
        footer = {"  wolfpack deploy -f web.yaml",
                "  wolfpack deploy -f web.json --json",
                "  cat web.yaml | wolfpack deploy -f -"},
        exitCodeListHeading = HelpText.EXIT_HEADING,
        exitCodeList = {HelpText.EXIT_OK, HelpText.EXIT_ERROR, HelpText.EXIT_USAGE, HelpText.EXIT_UNREACHABLE})
public final class DeployCommand extends ClientCommand {
    @Option(names = {"-f", "--file"}, required = true, paramLabel = "FILE",
            description = "The service spec, YAML (.yaml, .yml) or JSON (.json); '-' reads stdin.")
    String file;

    @Option(names = "--json", description = "Print the resulting ServiceView. " + HelpText.JSON)
    boolean json;

    public DeployCommand(ClientContext context) {
        super(context);
    }

    @Override
    public Integer call() {
        SpecFile spec = SpecFile.read(file, context.stdin());
        ApiClient api = api();
        String name = spec.serviceName();
        ServiceView before = name == null ? null : existing(api, name);
        ServiceView after = api.deploy(spec.text(), spec.yaml());
        if (json) {
            printJson(after);
        } else {
            print(DeployOutput.summary(before, after));
        }
        return ExitCodes.OK;
    }

    /** The service as it is now, or null if there is none (so the summary can say "created"). */
    private static ServiceView existing(ApiClient api, String name) {
        try {
            return api.service(name);
        } catch (ApiException e) {
            // 400: the name itself is bad; let the deploy report it with every other bad field
            if (e.status() == 404 || e.status() == 400) return null;
            throw e;
        }
    }
}
