package io.wolfpack.core.spec;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a parsed document into a {@link ServiceSpec}: reads every field, fills defaults, and
 * builds the spec only when nothing was wrong; otherwise throws one {@link SpecException} with
 * every bad field. The sections health, route, placement and update have their own readers.
 */
final class ServiceSpecReader {
    static final List<String> FIELDS = List.of(
            "name", "image", "replicas", "command", "env", "resources", "ports", "health", "route", "placement", "update",
            "autoscale");
    static final List<String> RESOURCE_FIELDS = List.of("cpu", "memory");
    static final List<String> PORT_FIELDS = List.of("name", "container");
    static final int MAX_REPLICAS = 1000;
    static final ByteSize MIN_MEMORY = ByteSize.ofMebibytes(6);
    // Above this no host exists, and every size up to it is written back in a form ByteSize.parse reads.
    static final ByteSize MAX_MEMORY = ByteSize.parse("256Ti");
    private static final int DEFAULT_REPLICAS = 1;

    private ServiceSpecReader() {
    }

    static ServiceSpec read(JsonNode document) {
        Problems problems = new Problems();
        if (!document.isObject()) {
            problems.add(Problems.DOCUMENT, document, "a spec must be a mapping of fields (" + String.join(", ", FIELDS)
                    + "), not " + Problems.kind(document));
            problems.throwIfAny();
        }
        Fields f = Fields.open("", document, problems, FIELDS);
        String name = name(f);
        String image = image(f);
        Integer replicas = f.integer("replicas", 0, MAX_REPLICAS);
        List<String> command = command(f);
        Map<String, String> env = env(f);
        Resources resources = resources(f);
        List<PortSpec> ports = ports(f);
        List<String> declared = declaredPortNames(f);
        HealthSpec health = HealthReader.read(f, declared);
        RouteSpec route = RouteReader.read(f, declared);
        PlacementSpec placement = PlacementReader.read(f);
        UpdateSpec update = UpdateReader.read(f);
        AutoscaleSpec autoscale = AutoscaleReader.read(f, resources);
        problems.throwIfAny();
        if (autoscale != null && replicas != null && (replicas < autoscale.min() || replicas > autoscale.max())) {
            f.problem("replicas", f.get("replicas"), "must be between autoscale.min (" + autoscale.min() + ") and autoscale.max ("
                    + autoscale.max() + "), or left out to start at min");
            problems.throwIfAny();
        }
        int start = replicas != null ? replicas : autoscale != null ? autoscale.min() : DEFAULT_REPLICAS;
        return new ServiceSpec(name, image, start, command, env, resources, ports, health, route, placement, update, autoscale);
    }

    private static String name(Fields f) {
        String name = f.text("name", SpecRules.SERVICE_NAME_ALLOWED);
        if (name == null) {
            if (!f.has("name")) f.missing("name", "required: the service name, " + SpecRules.SERVICE_NAME_ALLOWED);
            return null;
        }
        String problem = SpecRules.serviceName(name);
        if (problem != null) f.problem("name", f.get("name"), problem);
        return name;
    }

    private static String image(Fields f) {
        String image = f.text("image", ImageReference.ALLOWED);
        if (image == null) {
            if (!f.has("image")) f.missing("image", "required: the image to run, " + ImageReference.ALLOWED);
            return null;
        }
        try {
            ImageReference.parse(image);
        } catch (IllegalArgumentException e) {
            f.problem("image", f.get("image"), e.getMessage());
        }
        return image;
    }

    private static List<String> command(Fields f) {
        JsonNode v = f.get("command");
        if (v != null && v.isTextual()) {
            f.problem("command", v, "must be a list of strings, one per argument, e.g. [\"/bin/httpd\", \"-f\"]; "
                    + "to run a shell line write [\"/bin/sh\", \"-c\", \"...\"]");
            return null;
        }
        return f.texts("command", "the program and its arguments");
    }

    private static Map<String, String> env(Fields f) {
        List<Map.Entry<String, JsonNode>> entries = f.entries("env", "NAME: value pairs");
        if (entries == null) return null;
        Map<String, String> env = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : entries) {
            String key = e.getKey();
            JsonNode value = e.getValue();
            String path = SpecRules.ENV_KEY.matcher(key).matches() ? f.at("env") + "." + key : f.at("env") + "[\"" + key + "\"]";
            if (!SpecRules.ENV_KEY.matcher(key).matches()) {
                f.problems().add(path, key, "variable name must be letters, digits and '_', not starting with a digit");
            }
            if (value.isNull()) {
                f.problems().add(path, value, "needs a value; write \"\" for an empty one");
            } else if (value.isContainerNode()) {
                f.problems().add(path, value, "must be text, a number or true/false, not " + Problems.kind(value));
            } else {
                // 1e3 becomes "1000", not "1E+3"; 1.10 stays "1.10" (decimals are read exactly).
                env.put(key, value.isBigDecimal() ? value.decimalValue().toPlainString() : value.asText());
            }
        }
        return env;
    }

    private static Resources resources(Fields f) {
        Fields r = f.section("resources", RESOURCE_FIELDS);
        if (r == null) return null;
        Double cpu = cores(r, "cpu");
        ByteSize memory = memory(r);
        return new Resources(cpu == null ? Resources.DEFAULT.cpu() : cpu, memory == null ? Resources.DEFAULT.memory() : memory);
    }

    /** Cores in the form resources.cpu takes: a number (0.25) or millicore text ("250m"); null when absent or bad. */
    static Double cores(Fields r, String key) {
        JsonNode v = r.get(key);
        if (v == null) return null;
        if (v.isTextual()) {
            Double cores = SpecRules.milliCores(v.textValue());
            if (cores == null) r.problem(key, v, "must be " + SpecRules.CPU_ALLOWED + Fields.unquoteHint(v));
            return cores;
        }
        if (!v.isNumber()) {
            r.problem(key, v, "must be " + SpecRules.CPU_ALLOWED + ", not " + Problems.kind(v));
            return null;
        }
        String problem = SpecRules.cores(v.doubleValue());
        if (problem != null) {
            r.problem(key, v, problem);
            return null;
        }
        return v.doubleValue();
    }

    private static ByteSize memory(Fields r) {
        JsonNode v = r.get("memory");
        if (v == null) return null;
        ByteSize size;
        try {
            if (v.isTextual()) {
                size = ByteSize.parse(v.textValue());
            } else if (v.isIntegralNumber() && v.canConvertToLong()) {
                size = new ByteSize(v.longValue());
            } else {
                r.problem("memory", v, "must be " + ByteSize.ALLOWED);
                return null;
            }
        } catch (IllegalArgumentException e) {
            r.problem("memory", v, "not a memory size: use " + ByteSize.ALLOWED);
            return null;
        } catch (ArithmeticException e) {
            r.problem("memory", v, "too large: use " + ByteSize.ALLOWED);
            return null;
        }
        if (size.compareTo(MIN_MEMORY) < 0) {
            r.problem("memory", v, "must be at least " + MIN_MEMORY + ", the smallest limit Docker accepts");
        } else if (size.compareTo(MAX_MEMORY) > 0) {
            r.problem("memory", v, "must be at most " + MAX_MEMORY);
        }
        return size;
    }

    private static List<PortSpec> ports(Fields f) {
        List<JsonNode> items = f.list("ports", "each {name, container}");
        if (items == null) return null;
        List<PortSpec> ports = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Map<Integer, String> containers = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            Fields p = Fields.open(f.at("ports") + "[" + i + "]", items.get(i), f.problems(), PORT_FIELDS);
            if (p == null) continue;
            String name = p.text("name", SpecRules.PORT_NAME_ALLOWED);
            if (name != null) {
                String problem = SpecRules.portName(name);
                if (problem != null) p.problem("name", p.get("name"), problem);
                else if (!names.add(name)) p.problem("name", p.get("name"), "duplicate port name; each port needs its own name");
            } else if (!p.has("name")) {
                p.missing("name", "required: a name for the port, " + SpecRules.PORT_NAME_ALLOWED);
            }
            Integer container = p.integer("container", 1, 65535);
            if (container != null && containers.putIfAbsent(container, String.valueOf(name)) != null) {
                p.problem("container", p.get("container"), "duplicate container port; already declared as '"
                        + containers.get(container) + "'");
            } else if (container == null && !p.has("container")) {
                p.missing("container", "required: the port the container listens on, between 1 and 65535");
            }
            if (name != null && container != null) ports.add(new PortSpec(name, container));
        }
        return ports;
    }

    /** Every port name written, valid or not, so a check naming a badly written port is not reported twice. */
    private static List<String> declaredPortNames(Fields f) {
        JsonNode ports = f.get("ports");
        List<String> names = new ArrayList<>();
        if (ports == null || !ports.isArray()) return names;
        for (JsonNode p : ports) {
            JsonNode n = p.get("name");
            if (n != null && n.isTextual() && !names.contains(n.textValue())) names.add(n.textValue());
        }
        return names;
    }
}
