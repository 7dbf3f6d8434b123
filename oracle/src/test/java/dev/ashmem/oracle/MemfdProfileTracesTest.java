package dev.ashmem.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ashmem.oracle.replay.Replayer;
import dev.ashmem.oracle.replay.Verdict;
import dev.ashmem.trace.Difference;
import dev.ashmem.trace.Profile;
import dev.ashmem.trace.Trace;
import dev.ashmem.trace.TraceParser;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The memfd profiles against hand-written traces (src/test/resources/profiles), one or a few per
 * documented difference. Each trace names, in a {@code # shows: FIELD ...} comment, the
 * {@link Profile} differences it shows; it must pass under each of their profiles with every one of
 * them applied, and must diverge under mainline (else it shows nothing).
 */
class MemfdProfileTracesTest {
    static final Path DIR = Path.of("src", "test", "resources", "profiles");

    /** Every Difference constant of Profile, by field name. */
    static final Map<String, Difference> DIFFERENCES = Arrays.stream(Profile.class.getFields())
            .filter(f -> Modifier.isStatic(f.getModifiers()) && f.getType() == Difference.class)
            .collect(Collectors.toMap(Field::getName, MemfdProfileTracesTest::value));

    private static Difference value(Field f) {
        try {
            return (Difference) f.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Path> traces() throws IOException {
        try (Stream<Path> files = Files.list(DIR)) {
            return files.filter(f -> f.toString().endsWith(".trace")).sorted().toList();
        }
    }

    static Trace parse(Path f) throws IOException {
        return TraceParser.parse(f.toString(), Files.readString(f));
    }

    /** The differences a trace says it shows. */
    static List<Difference> shows(Trace t) {
        var names = t.preamble().stream().map(l -> l.replaceFirst("^#?\\s*", "")).filter(l -> l.startsWith("shows:"))
                .flatMap(l -> Arrays.stream(l.substring("shows:".length()).trim().split("\\s+"))).toList();
        assertThat(names).as(t.source() + ": a '# shows:' comment").isNotEmpty();
        assertThat(DIFFERENCES.keySet()).as(t.source() + ": Difference fields of Profile").containsAll(names);
        return names.stream().map(DIFFERENCES::get).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("traces")
    void passesUnderItsProfilesWithTheDifferencesItShows(Path file) throws IOException {
        var t = parse(file);
        var byProfile = shows(t).stream().collect(Collectors.groupingBy(Difference::profile));
        for (var e : byProfile.entrySet()) {
            var r = Replayer.replay(t, e.getKey());
            assertThat(r.problem()).as(file + " under " + e.getKey().word()).isNull();
            assertThat(r.divergence()).as(file + " under " + e.getKey().word() + ": "
                    + (r.divergence() == null ? "" : r.divergence().line())).isNull();
            var applied = r.verdicts().stream().map(Verdict::difference).flatMap(Optional::stream).collect(Collectors.toSet());
            assertThat(applied).as(file + " under " + e.getKey().word()).containsAll(e.getValue());
        }
        var mainline = Replayer.replay(t, Profile.MAINLINE);
        assertThat(mainline.passed()).as(file + " must diverge under mainline").isFalse();
    }

    @Test
    void everyDifferenceOfTheMemfdProfilesHasATrace() throws IOException {
        Set<Difference> shown = new HashSet<>();
        for (var f : traces()) {
            shown.addAll(shows(parse(f)));
        }
        var documented = Stream.of(Profile.CUTILS_MEMFD, Profile.MEMFD_COMPAT).flatMap(p -> p.differences().stream()).toList();
        assertThat(shown).containsAll(documented);
        assertThat(documented.stream().map(Difference::source).collect(Collectors.toMap(Function.identity(), s -> 1, Integer::sum)))
                .as("every memfd difference cites its source").doesNotContainKey("");
    }
}
