package io.wolfpack.cli.roles;

import io.wolfpack.agent.Agent;
import io.wolfpack.agent.AgentConfig;
import io.wolfpack.agent.DockerDiagnosis;
import io.wolfpack.client.ApiClient;
import io.wolfpack.core.spec.ByteSize;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code wolfpack agent}: the node agent of one host. */
@Command(name = "agent", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run the node agent of this host.",
                "It registers the host with the server, runs the containers the server assigns to it on the",
                "local Docker engine, checks their health and reports every second. If the server is",
                "unreachable, containers keep running; the agent catches up when it is back."},
        footerHeading = "%nExamples:%n",
        footer = {"  wolfpack agent --server http://10.0.0.5:7700 --join-token-file /etc/wolfpack/join-token \\",
                "      --advertise 10.0.0.11 --labels zone=a,disk=ssd"})
public final class AgentCommand implements Callable<Integer> {
    @Mixin
    ServerLinkOptions server;

    @Option(names = "--name", description = "This node's name (default: the host name, lower-cased).")
    String name;

    @Option(names = "--advertise", defaultValue = "127.0.0.1", paramLabel = "ADDR",
            description = "The address routers and other hosts reach this host's published ports at (default: ${DEFAULT-VALUE}).")
    String advertise;

    @Option(names = "--labels", split = ",", paramLabel = "KEY=VALUE", description = "Node labels for placement rules, e.g. zone=a,disk=ssd.")
    Map<String, String> labels = new LinkedHashMap<>();

    @Option(names = "--docker", defaultValue = "unix:///var/run/docker.sock",
            description = "The Docker engine to drive (default: ${DEFAULT-VALUE}).")
    String docker;

    @Option(names = "--publish-ip", paramLabel = "ADDR",
            description = "Host address container ports are published on (default: the --advertise address).")
    String publishIp;

    @Option(names = "--listen", converter = Listen.Converter.class,
            description = "Address of the agent's own small API, used by the server for logs (default: ADVERTISE:7701).")
    Listen listen;

    @Option(names = "--cpu", description = "Cores offered to the scheduler (default: all of this machine's).")
    Double cpu;

    @Option(names = "--memory", description = "Memory offered to the scheduler, e.g. 8Gi (default: all of this machine's).")
    String memory;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        String token = server.token();
        AgentConfig config;
        try {
            AgentConfig.Builder b = AgentConfig.builder(name != null ? name : defaultNodeName())
                    .advertiseAddress(advertise)
                    .labels(labels)
                    .dockerHost(docker)
                    .publishIp(publishIp != null ? publishIp : advertise)
                    .listen(listen != null ? listen.host() : advertise, listen != null ? listen.port() : 7701)
                    .token(token);
            if (cpu != null) b.cpu(cpu);
            if (memory != null) b.memory(ByteSize.parse(memory));
            config = b.build();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        DockerDiagnosis.check(docker).ifPresent(problem -> System.err.println("wolfpack agent: " + problem
                + "\nThe agent starts anyway and reports the engine as unavailable until it answers."));
        Lifecycle life = new Lifecycle();
        Agent agent = life.add(Agent.connect(config, new ApiClient(server.url(), token)));
        agent.start();
        System.out.println("wolfpack agent: node " + config.nodeName() + " at " + advertise + ", server " + server.url());
        return life.runUntilStopped();
    }

    static String defaultNodeName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "node";
        }
        String n = host.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]", "-").replaceAll("^[^a-z0-9]+|[^a-z0-9]+$", "");
        if (n.length() > 63) n = n.substring(0, 63);
        return n.isEmpty() ? "node" : n;
    }
}
