package dev.ashmem.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ashmem.trace.Trace;
import dev.ashmem.model.Platform;
import dev.ashmem.oracle.gen.ConformanceGenerator;
import dev.ashmem.oracle.gen.Coverage;
import dev.ashmem.trace.Profile;
import dev.ashmem.oracle.replay.Replayer;
import dev.ashmem.oracle.rules.RuleIds;
import dev.ashmem.trace.NameMode;
import dev.ashmem.trace.TraceParser;
import dev.ashmem.trace.TracePrinter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** generate: steered conformance traces that cover every rule and replay on the model. */
class GenerateTest {

    static ConformanceGenerator.Output generate(long seed, int count, List<String> scope, Profile profile) {
        return ConformanceGenerator.run(new ConformanceGenerator.Options(seed, count, 40, Coverage.scope(scope), 4096, profile,
                NameMode.MAPPED));
    }

    /** The command writes each trace as it is made: the sink gets them in order, one by one, as the list would hold them. */
    @Test
    void tracesReachTheSinkInOrderAsTheyAreMade() {
        var o = new ConformanceGenerator.Options(5, 6, 30, Coverage.scope(List.of()), 4096, Profile.MAINLINE, NameMode.MAPPED);
        var streamed = new java.util.ArrayList<Trace>();
        var coverage = ConformanceGenerator.run(o, t -> {
            streamed.add(t);
            assertThat(t.source()).isEqualTo("generated-5-" + streamed.size());
        });
        var listed = ConformanceGenerator.run(o);
        assertThat(streamed).hasSize(6).isEqualTo(listed.traces());
        assertThat(coverage.table()).isEqualTo(listed.coverage().table());
    }

    @Test
    void coversEveryRuleAndReplays() {
        var out = generate(1, 30, List.of(), Profile.MAINLINE);
        assertThat(out.coverage().missing()).as(out.coverage().table()).isEmpty();
        assertThat(out.coverage().scope()).isEqualTo(RuleIds.ALL);
        String text = TracePrinter.printAll(out.traces());
        var parsed = TraceParser.parseAll("generated", text);
        assertThat(parsed).hasSize(30);
        for (var t : parsed) {
            assertThat(Replayer.replay(t, null).passed()).isTrue();
        }
        assertThat(out.coverage().table()).contains("PIN-CASE-4", "covered 110 of 110 rules");
    }

    /** CTX-PLATFORM: traces for another platform say so in their header and replay on it, not on x86-64. */
    @Test
    void tracesForAnotherPlatformNameItAndReplayOnIt() {
        var out = ConformanceGenerator.run(new ConformanceGenerator.Options(3, 30, 40, Coverage.scope(List.of("MEM-RIGHTS", "MMAP")), 4096, Profile.MAINLINE,
                NameMode.MAPPED, Platform.x86_64(true)));
        String text = TracePrinter.printAll(out.traces());
        int divergeOnX8664 = 0;
        for (var t : TraceParser.parseAll("generated", text)) {
            assertThat(t.header().platform()).isEqualTo(Platform.x86_64(true));
            assertThat(Replayer.replay(t, null).passed()).isTrue();
            var plain = new Trace(t.source(), t.header().withPlatform(Platform.X86_64), t.preamble(), t.lines());
            divergeOnX8664 += Replayer.replay(plain, null).passed() ? 0 : 1;
        }
        assertThat(text).contains("\nplatform x86-64+pku\n");
        assertThat(divergeOnX8664).as("traces whose exec-only loads fault").isPositive();
    }

    @Test
    void sameSeedSameTraces() {
        var a = TracePrinter.printAll(generate(5, 3, List.of("PIN", "UNPIN"), Profile.MAINLINE).traces());
        var b = TracePrinter.printAll(generate(5, 3, List.of("PIN", "UNPIN"), Profile.MAINLINE).traces());
        assertThat(a).isEqualTo(b);
    }

    @Test
    void aScopeAimsAtItsRules() {
        var out = generate(2, 8, List.of("PIN", "STATUS"), Profile.MAINLINE);
        assertThat(out.coverage().scope()).allMatch(r -> r.startsWith("PIN-") || r.startsWith("STATUS-"));
        assertThat(out.coverage().missing()).as(out.coverage().table()).isEmpty();
    }

    @Test
    void otherProfilesGetTheirOwnResults() {
        var out = generate(3, 3, List.of("PIN"), Profile.MEMFD);
        for (var t : out.traces()) {
            assertThat(t.header().profile()).isEqualTo(Profile.MEMFD);
            assertThat(Replayer.replay(t, null).passed()).isTrue();
        }
    }

    /** The memfd devices number mappings from 1 as the model does: 0 is the name of no mapping (trace-format.md). */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(value = Profile.class, names = {"CUTILS_MEMFD", "MEMFD_COMPAT"})
    void memfdProfilesTracesReplayOnTheirProfile(Profile profile) {
        var out = generate(3, 10, List.of(), profile);
        String text = TracePrinter.printAll(out.traces());
        assertThat(text).contains("mmap ");
        for (var t : TraceParser.parseAll("generated", text)) {
            var r = Replayer.replay(t, null);
            assertThat(r.passed()).as(r.toString()).isTrue();
        }
    }
}
