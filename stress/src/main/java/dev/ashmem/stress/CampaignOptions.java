package dev.ashmem.stress;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a campaign runs: a jcstress mode (or the short {@code smoke} mode of the build), optional
 * overrides, the test filter and the implementation variant.
 *
 * @param mode            smoke | sanity | quick | default | tough | stress
 * @param time            ms per iteration (jcstress -time), empty for the mode's
 * @param iters           iterations per fork (-iters)
 * @param forks           forks per configuration (-f)
 * @param split           split per-actor compilation (-sc): every actor compiled by Int/C1/C2 in turn
 * @param strideSize      states each actor runs between two synchronisations (-strideSize)
 * @param strideCount     strides per epoch (-strideCount): strideSize x strideCount states live at once
 * @param tests           regular expression over test names (-t)
 * @param variant         the implementation the tests run against
 * @param resultsRoot     where the run's directory is made; empty for next to the jar
 * @param jar             the shaded jcstress jar; empty for the one this class came from
 * @param expectForbidden succeed only if a FORBIDDEN outcome was seen (to show a broken variant is caught)
 * @param jcstressArgs    further jcstress options, passed as they are
 */
public record CampaignOptions(String mode, Optional<Integer> time, Optional<Integer> iters, Optional<Integer> forks,
                              Optional<Boolean> split, int strideSize, int strideCount, String tests, Variant variant, Optional<Path> resultsRoot,
                              Optional<Path> jar, boolean expectForbidden, List<String> jcstressArgs) {

    public static final List<String> MODES = List.of("smoke", "sanity", "quick", "default", "tough", "stress");
    /**
     * jcstress' default stride (256) is made for nanosecond actions; ours take microseconds and differ
     * between actors, so within a long stride the actors drift apart and stop racing on the same state.
     * A stride of one state resynchronises them on every state: against the no-inflight-wait variant
     * it showed 14% of Pin_12's samples FORBIDDEN, against 0.7% with 64.
     */
    public static final int STRIDE_SIZE = 1;
    /** Each state holds a memfd and mappings until its arbiter runs: few states alive at once. */
    public static final int STRIDE_COUNT = 128;
    /** ms of stress per test in smoke mode. */
    public static final int SMOKE_TIME_MS = 1000;
    /** Every jcstress test of this module. */
    public static final String ALL_TESTS = "dev\\.ashmem\\.stress\\.tests\\.";

    public CampaignOptions {
        if (!MODES.contains(mode)) {
            throw new IllegalArgumentException("unknown mode '" + mode + "'; known: " + String.join(", ", MODES));
        }
        jcstressArgs = List.copyOf(jcstressArgs);
    }

    /** Parses a {@code ./ashmem stress} command line ({@link StressMain}); IllegalArgumentException for bad options. */
    public static CampaignOptions parse(String... args) {
        return StressMain.parse(args);
    }

    /** The jcstress options this campaign amounts to (without -r, which the campaign adds). */
    public List<String> toJcstressArgs() {
        var out = new ArrayList<String>();
        boolean smoke = mode.equals("smoke");
        out.addAll(List.of("-m", smoke ? "quick" : mode));
        if (smoke) {
            // The build's run: one JVM configuration (no Xint/C1/C2 matrix), no split compilation, no heap
            // pre-touch, one iteration: each fork costs seconds of JVM start and calibration.
            out.addAll(List.of("-jvmArgs", "--enable-native-access=ALL-UNNAMED", "-pth", "false"));
        }
        time.or(() -> smoke ? Optional.of(SMOKE_TIME_MS) : Optional.empty()).ifPresent(t -> out.addAll(List.of("-time", t.toString())));
        iters.or(() -> smoke ? Optional.of(1) : Optional.empty()).ifPresent(n -> out.addAll(List.of("-iters", n.toString())));
        forks.ifPresent(f -> out.addAll(List.of("-f", f.toString())));
        split.or(() -> smoke ? Optional.of(false) : Optional.empty()).ifPresent(s -> out.addAll(List.of("-sc", s.toString())));
        out.addAll(List.of("-strideSize", Integer.toString(strideSize), "-strideCount", Integer.toString(strideCount)));
        out.addAll(List.of("-t", tests));
        // The forked test VMs: FFM native access for the implementation, and the variant under test.
        out.addAll(List.of("-jvmArgsPrepend", "--enable-native-access=ALL-UNNAMED -D" + Variant.PROPERTY + "=" + variant.id()));
        out.addAll(jcstressArgs);
        return out;
    }
}
