package dev.ashmem.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ashmem.oracle.replay.ReplayResult;
import dev.ashmem.oracle.replay.Replayer;
import dev.ashmem.oracle.replay.Verdict;
import dev.ashmem.trace.Difference;
import dev.ashmem.trace.Profile;
import dev.ashmem.trace.TraceParser;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One hand-written trace per documented difference of the Rust profiles (test resources
 * {@code profiles/<profile>/<difference>.trace}, the difference's constant name without its profile
 * prefix). A trace either agrees with its profile, applies the difference on some line and diverges
 * from mainline, or, for what a serial trace cannot express, makes the profile stop with a limitation
 * that cites the driver's source.
 */
class RustProfileTracesTest {
    private static final List<Profile> RUST = List.of(Profile.RUST_2024, Profile.RUST_2025);

    static Stream<Arguments> differences() {
        return RUST.stream().flatMap(p -> p.differences().stream().map(d -> Arguments.of(p, constantName(d), d)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("differences")
    void eachDifferenceHasATraceThatShowsIt(Profile profile, String name, Difference d) throws IOException, URISyntaxException {
        assertThat(d.source()).as("the source file and function of " + name).isNotBlank();
        Path file = dir(profile).resolve(slug(profile, name) + ".trace");
        if (d.behaviour().contains("not visible in a serial trace")) {
            assertThat(file).as("a serial trace cannot show " + name).doesNotExist();
            return;
        }
        assertThat(file).as("the trace of " + name).exists();
        var trace = TraceParser.parse(file.getFileName().toString(), Files.readString(file));
        assertThat(trace.header().profile()).isEqualTo(profile);
        ReplayResult r = Replayer.replay(trace, null);
        if (d.behaviour().contains("stops with a limitation")) {
            assertThat(r.divergence()).as(file + ": no divergence before the limitation").isNull();
            assertThat(r.problem()).as(file.toString()).isNotNull().contains("profile " + profile.word() + " cannot evaluate");
            String function = d.source().split(" ")[1];
            assertThat(r.problem()).contains(function.replace("`", ""));
            return;
        }
        assertThat(r.passed()).as(file + ": " + r.problem() + " " + r.divergence()).isTrue();
        assertThat(r.verdicts().stream().map(Verdict::difference).flatMap(java.util.Optional::stream))
                .as(file + " applies " + name).contains(d);
        var mainline = Replayer.replay(trace, Profile.MAINLINE);
        assertThat(mainline.divergence()).as(file + " must diverge from mainline").isNotNull();
        // a behaviour of one revision only must also tell the revisions apart
        var other = profile == Profile.RUST_2024 ? Profile.RUST_2025 : Profile.RUST_2024;
        if (other.differences().stream().noneMatch(o -> o.behaviour().equals(d.behaviour()))) {
            assertThat(Replayer.replay(trace, other).passed()).as(file + " must fail under " + other.word()).isFalse();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("profiles")
    void everyTraceBelongsToADifference(Profile profile) throws IOException, URISyntaxException {
        var slugs = new ArrayList<String>();
        for (var d : profile.differences()) {
            slugs.add(slug(profile, constantName(d)) + ".trace");
        }
        try (var files = Files.list(dir(profile))) {
            assertThat(files.map(f -> f.getFileName().toString())).isNotEmpty().allSatisfy(f -> assertThat(slugs).contains(f));
        }
    }

    static Stream<Profile> profiles() {
        return RUST.stream();
    }

    private static Path dir(Profile p) throws URISyntaxException {
        var url = RustProfileTracesTest.class.getResource("/profiles/" + p.word());
        assertThat(url).as("test resources profiles/" + p.word()).isNotNull();
        return Path.of(url.toURI());
    }

    /** RUST_2024_LEN0_OVERFLOW of RUST_2024 -> len0-overflow. */
    private static String slug(Profile p, String constant) {
        return constant.substring(p.name().length() + 1).toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static String constantName(Difference d) {
        for (var f : Profile.class.getFields()) {
            try {
                if (Modifier.isStatic(f.getModifiers()) && f.getType() == Difference.class && f.get(null) == d) {
                    return f.getName();
                }
            } catch (IllegalAccessException e) {
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("no constant for " + d);
    }
}
