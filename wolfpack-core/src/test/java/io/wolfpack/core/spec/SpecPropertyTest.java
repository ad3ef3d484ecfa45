package io.wolfpack.core.spec;

import io.wolfpack.core.json.Json;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SpecPropertyTest {
    private static final String LOWER = "abcdefghijklmnopqrstuvwxyz";
    private static final String DIGITS = "0123456789";

    /** Up to 15 digits: ByteSize.parse reads no more, and the spec caps memory at 256Ti (15 digits). */
    @Property
    void byteSizeTextParsesBackToTheSameSize(@ForAll @LongRange(min = 0, max = 999_999_999_999_999L) long bytes) {
        ByteSize size = new ByteSize(bytes);
        assertThat(ByteSize.parse(size.toString())).isEqualTo(size);
    }

    @Property
    void timeSpanTextParsesBackToTheSameSpan(@ForAll @LongRange(min = 0, max = 1_000_000_000_000L) long millis) {
        TimeSpan span = TimeSpan.ofMillis(millis);
        assertThat(TimeSpan.parse(span.toString())).isEqualTo(span);
    }

    @Property
    void constraintTextIsCanonical(@ForAll("constraints") String constraint) {
        PlacementConstraint c = PlacementConstraint.parse(constraint);
        assertThat(PlacementConstraint.parse(c.toString())).isEqualTo(c);
    }

    @Property(tries = 300)
    void anyValidSpecRoundTripsThroughJackson(@ForAll("specs") ServiceSpec spec) throws Exception {
        assertThat(Json.MAPPER.readValue(Json.MAPPER.writeValueAsString(spec), ServiceSpec.class)).isEqualTo(spec);
    }

    @Property(tries = 300)
    void anyValidSpecParsesBackFromItsCanonicalJsonAndYaml(@ForAll("specs") ServiceSpec spec) {
        assertThat(SpecParser.parse(Json.text(spec), SpecParser.Format.JSON)).isEqualTo(spec);
        assertThat(SpecParser.parse(SpecWriter.yaml(spec), SpecParser.Format.YAML)).isEqualTo(spec);
    }

    @Provide
    Arbitrary<String> constraints() {
        return constraintTexts();
    }

    private static Arbitrary<String> constraintTexts() {
        return Combinators.combine(labels(), Arbitraries.of("==", "!=", " == ", " != "), labels())
                .as((k, op, v) -> k + op + v);
    }

    private record Base(String name, String image, int replicas, List<String> command, Map<String, String> env, Resources resources) {
    }

    @Provide
    Arbitrary<ServiceSpec> specs() {
        Arbitrary<Base> base = Combinators.combine(names(), images(), Arbitraries.integers().between(0, 1000),
                freeText().list().ofMaxSize(4), env(), resources()).as(Base::new);
        return ports().flatMap(ports -> {
            List<String> names = ports.stream().map(PortSpec::name).toList();
            return Combinators.combine(base, health(names), route(names), placement(), update())
                    .as((b, h, r, p, u) -> new ServiceSpec(b.name(), b.image(), b.replicas(), b.command(), b.env(),
                            b.resources(), ports, h, r, p, u));
        });
    }

    private static Arbitrary<String> labels() {
        return Arbitraries.strings().withChars(LOWER + DIGITS).ofMinLength(1).ofMaxLength(8);
    }

    private static Arbitrary<String> names() {
        return Combinators.combine(labels(), labels().optional())
                .as((a, b) -> b.map(s -> a + "-" + s).orElse(a));
    }

    private static Arbitrary<String> images() {
        return Combinators.combine(Arbitraries.of("", "registry.local:5000/", "ghcr.io/org/", "localhost/"),
                        labels(), Arbitraries.of("", ":1.4", ":latest", ":v2_rc-1"))
                .as((reg, repo, tag) -> reg + repo + tag);
    }

    /** Text of every kind a user might write: YAML-significant words, quotes, unicode, line breaks. */
    private static Arbitrary<String> freeText() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withCharRange(' ', '~').withChars("äé中\n\t").ofMaxLength(12),
                Arbitraries.of("", "true", "no", "null", "~", "1.10", "0x1F", "1e3", "- x", "a: b", "#c", "'q'", "\"q\"", "*ref",
                        "&a", ".inf", "NaN", "0o17", "1_000", "2001-12-14", "12:30:00", "64Mi", "on", "y", "+1", ".5"));
    }

    private static Arbitrary<Map<String, String>> env() {
        Arbitrary<String> keys = Arbitraries.strings().withChars("ABCXYZ_").ofMinLength(1).ofMaxLength(4)
                .flatMap(k -> Arbitraries.strings().withChars("ABZ_09").ofMaxLength(3).map(rest -> k + rest));
        return Arbitraries.maps(keys, freeText()).ofMaxSize(4);
    }

    private static Arbitrary<Resources> resources() {
        return Combinators.combine(Arbitraries.integers().between(1, 256_000),
                        Arbitraries.longs().between(6L << 20, 1L << 40))
                .as((milli, bytes) -> new Resources(milli / 1000.0, new ByteSize(bytes)));
    }

    private static Arbitrary<List<PortSpec>> ports() {
        Arbitrary<String> portNames = Arbitraries.strings().withChars(LOWER).ofMinLength(1).ofMaxLength(15);
        return Combinators.combine(portNames.list().uniqueElements().ofMaxSize(3),
                        Arbitraries.integers().between(1, 65535).list().uniqueElements().ofSize(3))
                .as((names, numbers) -> {
                    List<PortSpec> ports = new ArrayList<>();
                    for (int i = 0; i < names.size(); i++) ports.add(new PortSpec(names.get(i), numbers.get(i)));
                    return ports;
                });
    }

    private static Arbitrary<HealthSpec> health(List<String> ports) {
        Arbitrary<TimeSpan> intervals = Arbitraries.longs().between(100, 120_000).map(TimeSpan::ofMillis);
        Arbitrary<String> paths = Arbitraries.of("/", "/healthz", "/a/b");
        List<Arbitrary<HealthSpec>> kinds = new ArrayList<>();
        kinds.add(Arbitraries.just(null));
        kinds.add(freeText().filter(s -> !s.isBlank()).list().ofMinSize(1).ofMaxSize(3).flatMap(exec ->
                timed(intervals, (i, t, ok, bad) -> new HealthSpec(null, null, exec, i, t, ok, bad))));
        if (!ports.isEmpty()) {
            Arbitrary<String> port = Arbitraries.of(ports);
            kinds.add(Combinators.combine(port, paths).as(HealthSpec.HttpCheck::new).flatMap(http ->
                    timed(intervals, (i, t, ok, bad) -> new HealthSpec(http, null, null, i, t, ok, bad))));
            kinds.add(port.map(HealthSpec.TcpCheck::new).flatMap(tcp ->
                    timed(intervals, (i, t, ok, bad) -> new HealthSpec(null, tcp, null, i, t, ok, bad))));
        }
        return Arbitraries.oneOf(kinds);
    }

    private interface Timed {
        HealthSpec of(TimeSpan interval, TimeSpan timeout, int healthyAfter, int unhealthyAfter);
    }

    private static Arbitrary<HealthSpec> timed(Arbitrary<TimeSpan> intervals, Timed make) {
        return intervals.flatMap(interval -> Combinators.combine(
                        Arbitraries.longs().between(1, interval.millis()).map(TimeSpan::ofMillis),
                        Arbitraries.integers().between(1, 100), Arbitraries.integers().between(1, 100))
                .as((timeout, ok, bad) -> make.of(interval, timeout, ok, bad)));
    }

    private static Arbitrary<RouteSpec> route(List<String> ports) {
        if (ports.isEmpty()) return Arbitraries.just(null);
        Arbitrary<String> hosts = Combinators.combine(Arbitraries.of("", "*."), labels(), Arbitraries.of(".local", ".example.com", ""))
                .as((wild, label, domain) -> wild.isEmpty() || !domain.isEmpty() ? wild + label + domain : label);
        Arbitrary<RouteSpec> routes = Combinators.combine(hosts, Arbitraries.of("/", "/api", "/v1/x"), Arbitraries.of(ports))
                .as(RouteSpec::new);
        return Arbitraries.oneOf(Arbitraries.just(null), routes);
    }

    private static Arbitrary<PlacementSpec> placement() {
        Arbitrary<List<String>> spread = Arbitraries.of("node", "zone", "rack", "topology.io/region").list().uniqueElements().ofMaxSize(3);
        Arbitrary<List<String>> constraints = constraintTexts().map(c -> PlacementConstraint.parse(c).toString()).list().ofMaxSize(3);
        return Combinators.combine(spread, constraints, Arbitraries.of(true, false)).as(PlacementSpec::new);
    }

    private static Arbitrary<UpdateSpec> update() {
        Arbitrary<UpdateSpec.Canary> canary = Combinators.combine(Arbitraries.integers().between(1, 99),
                        Arbitraries.longs().between(1, 7_200_000).map(TimeSpan::ofMillis))
                .as(UpdateSpec.Canary::new).injectNull(0.4);
        return Combinators.combine(Arbitraries.integers().between(0, 100), Arbitraries.integers().between(0, 100), canary)
                .filter((surge, unavailable, c) -> surge + unavailable > 0)
                .as(UpdateSpec::new);
    }
}
