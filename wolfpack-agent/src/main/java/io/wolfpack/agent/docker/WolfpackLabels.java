package io.wolfpack.agent.docker;

/** The labels on every container Wolfpack runs, so an operator can find them with docker ps --filter. */
public final class WolfpackLabels {
    public static final String SERVICE = "wolfpack.service";
    public static final String INSTANCE = "wolfpack.instance";
    public static final String NODE = "wolfpack.node";
    public static final String REVISION = "wolfpack.revision";
    /** "true" on every container Wolfpack created; the agent never touches one without it. */
    public static final String MANAGED = "wolfpack.managed";

    /** Container names are "wp-" + instance id. */
    public static final String NAME_PREFIX = "wp-";

    private WolfpackLabels() {
    }

    public static String containerName(String instanceId) {
        return NAME_PREFIX + instanceId;
    }

    public static boolean managed(ContainerInfo c) {
        return "true".equals(c.label(MANAGED));
    }
}
