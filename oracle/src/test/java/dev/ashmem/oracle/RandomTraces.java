package dev.ashmem.oracle;

import dev.ashmem.oracle.profile.Profiles;
import dev.ashmem.generator.OpGenerator;
import dev.ashmem.trace.Profile;
import dev.ashmem.oracle.replay.Session;
import dev.ashmem.oracle.replay.Verdict;
import dev.ashmem.trace.NameMode;
import dev.ashmem.trace.Trace;
import dev.ashmem.trace.TraceHeader;
import dev.ashmem.trace.TraceLine;
import dev.ashmem.pbt.Choices;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/** Random traces with the model's results, for tests. */
final class RandomTraces {
    private RandomTraces() {
    }

    static Trace trace(long seed, int steps, Profile profile, NameMode names, Consumer<Verdict> each) {
        var header = TraceHeader.defaults().withNames(names).withProfile(profile);
        var session = new Session(header, Profiles.newDevice(profile, 4096));
        var choices = Choices.generating(new SplittableRandom(seed), 100_000, 4096);
        var gen = new OpGenerator();
        List<TraceLine> lines = new ArrayList<>();
        for (int i = 0; i < steps; i++) {
            var step = session.toStep(gen.next(choices, session.device().snapshot()));
            var v = session.run(step, null);
            each.accept(v);
            lines.add(new TraceLine(step, v.expected()));
        }
        return new Trace("random-" + seed, header, lines);
    }
}
