package dev.ashmem.oracle.replay;

import dev.ashmem.trace.Profile;
import dev.ashmem.trace.Trace;
import java.util.List;

/**
 * The outcome of replaying one trace.
 *
 * @param trace      the trace
 * @param profile    the profile it was replayed against
 * @param verdicts   one per line run (up to and including a divergence)
 * @param divergence the first divergence, or null when every recorded result matched
 * @param problem    why the replay could not finish (the expected device failed or broke an invariant), or null
 */
public record ReplayResult(Trace trace, Profile profile, List<Verdict> verdicts, Divergence divergence, String problem) {
    public ReplayResult {
        verdicts = List.copyOf(verdicts);
    }

    public boolean passed() {
        return divergence == null && problem == null;
    }

    /** Lines whose recorded result was compared. */
    public long checked() {
        return verdicts.stream().filter(v -> v.observed() != null).count();
    }
}
