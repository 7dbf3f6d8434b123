package dev.ashmem.oracle.replay;

import dev.ashmem.oracle.profile.Profiles;
import dev.ashmem.trace.Profile;
import dev.ashmem.trace.Outcome;
import dev.ashmem.trace.Trace;
import dev.ashmem.trace.TraceLine;
import java.util.ArrayList;

/**
 * Fills in a trace's results from a profile: the test vectors of {@code ashmem expect}. Names the input
 * gave to new handles and mappings are kept; lines without one get the model's number.
 */
public final class Expecter {
    private Expecter() {
    }

    public static Trace expect(Trace input, Profile profile) {
        var session = new Session(input.header(), Profiles.newDevice(profile, input.header().pageSize(), input.header().platform()));
        var out = new ArrayList<TraceLine>();
        for (var line : input.lines()) {
            var hint = line.outcome() instanceof Outcome.Bound b ? b : null;
            Verdict v;
            try {
                v = session.run(line.step(), hint);
            } catch (RuntimeException e) {
                throw new IllegalStateException(input.source() + ":" + line.number() + ": profile " + profile.word()
                        + " cannot evaluate this line: " + e.getMessage(), e);
            }
            out.add(line.withOutcome(v.expected()));
        }
        return input.withLines(out).withHeader(input.header().withProfile(profile));
    }
}
