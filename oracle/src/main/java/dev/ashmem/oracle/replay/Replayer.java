package dev.ashmem.oracle.replay;

import dev.ashmem.oracle.profile.Profiles;
import dev.ashmem.trace.Profile;
import dev.ashmem.oracle.profile.ProfileLimitation;
import dev.ashmem.trace.Trace;
import dev.ashmem.trace.TracePrinter;
import java.util.ArrayList;
import java.util.List;

/**
 * Replays a trace on a profile's device and finds the first line whose recorded result differs; on a
 * divergence it also runs the other profiles to say which of them the implementation behaves like.
 */
public final class Replayer {
    private Replayer() {
    }

    /** Replays {@code trace} against {@code profile} (null: the trace's own profile line, else mainline). */
    public static ReplayResult replay(Trace trace, Profile profile) {
        var p = profile != null ? profile : trace.header().profile() != null ? trace.header().profile() : Profile.MAINLINE;
        var session = new Session(trace.header(), Profiles.newDevice(p, trace.header().pageSize(), trace.header().platform()));
        var verdicts = new ArrayList<Verdict>();
        var lines = trace.lines();
        for (int i = 0; i < lines.size(); i++) {
            var line = lines.get(i);
            Verdict v;
            try {
                v = session.run(line.step(), line.outcome());
            } catch (ProfileLimitation e) {
                return new ReplayResult(trace, p, verdicts, null, "line " + line.number() + ": " + e.getMessage());
            } catch (IllegalArgumentException e) {
                // The model refuses a step no caller could take here (a shrinker step out of its order): the trace's fault.
                return new ReplayResult(trace, p, verdicts, null, "line " + line.number() + ": a malformed trace: " + e.getMessage());
            } catch (RuntimeException e) {
                return new ReplayResult(trace, p, verdicts, null, "line " + line.number() + ": the model failed on '"
                        + TracePrinter.step(line.step()) + "': " + e);
            }
            verdicts.add(v);
            if (!v.violations().isEmpty()) {
                return new ReplayResult(trace, p, verdicts, null, "line " + line.number() + ": the model state breaks "
                        + v.violations() + " (a defect of the model, not of the trace)");
            }
            if (!v.matches()) {
                return new ReplayResult(trace, p, verdicts, new Divergence(line, i, v, alternatives(trace, p, i), session.bindings()), null);
            }
        }
        return new ReplayResult(trace, p, verdicts, null, null);
    }

    /** Every other profile on the same trace: does it agree up to the divergent line, and which differences did it apply? */
    static List<ProfileMatch> alternatives(Trace trace, Profile expected, int divergentIndex) {
        var out = new ArrayList<ProfileMatch>();
        for (var q : Profile.values()) {
            if (q == expected) {
                continue;
            }
            var session = new Session(trace.header(), Profiles.newDevice(q, trace.header().pageSize(), trace.header().platform()));
            var applied = new ArrayList<ProfileMatch.Applied>();
            int mismatchAt = -1;
            int limitedAt = -1;
            String limitation = null;
            var lines = trace.lines();
            for (int i = 0; i < lines.size(); i++) {
                var line = lines.get(i);
                Verdict v;
                try {
                    v = session.run(line.step(), line.outcome());
                } catch (RuntimeException e) {
                    limitation = "not evaluated from " + where(line, i) + ": " + e.getMessage();
                    limitedAt = i;
                    break;
                }
                if (i <= divergentIndex && v.difference().isPresent()) {
                    applied.add(new ProfileMatch.Applied(where(line, i), TracePrinter.step(line.step()), v.difference().get()));
                }
                if (!v.matches()) {
                    mismatchAt = i;
                    break;
                }
            }
            boolean matchesLine = (mismatchAt < 0 || mismatchAt > divergentIndex) && (limitedAt < 0 || limitedAt > divergentIndex);
            String firstMismatch = mismatchAt < 0 ? null : where(lines.get(mismatchAt), mismatchAt);
            out.add(new ProfileMatch(q, matchesLine, firstMismatch, applied, limitation));
        }
        return out;
    }

    /** "line N" for a parsed line, "step N" for a built one. */
    static String where(dev.ashmem.trace.TraceLine line, int index) {
        return line.number() > 0 ? "line " + line.number() : "step " + (index + 1);
    }
}
