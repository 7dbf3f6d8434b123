package dev.ashmem.cli.mutate;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The mutants of one target merged over the reports of every module that ran its tests against them: a mutant
 * counts as killed when any module's tests killed it. Equivalent mutants (reviewed, {@link Equivalents}) are
 * left out of the score; every other survivor is a gap.
 */
public final class Tally {
    /** The score of one class (or of the whole target). */
    public record Score(String name, int mutants, int killed, int equivalent) {
        /** Killed share of the mutants that are not equivalent, rounded down. */
        public int percent() {
            int counted = mutants - equivalent;
            return counted == 0 ? 100 : (int) (100L * killed / counted);
        }

        /** {@code mutation score: 91% (700 of 769, 4 equivalent)}; the 769 leaves the equivalents out. */
        public String line() {
            return "mutation score: " + percent() + "% (" + killed + " of " + (mutants - equivalent) + ", " + equivalent + " equivalent)";
        }
    }

    private final Map<Mutant.Key, Mutant> mutants = new LinkedHashMap<>();
    private final Map<Mutant.Key, Equivalents.Entry> equivalent = new LinkedHashMap<>();
    private final List<Equivalents.Entry> killedButListed = new ArrayList<>();

    /** Merges the reports and sorts each mutant into killed, equivalent or survivor. */
    public Tally(Collection<List<Mutant>> reports, Equivalents equivalents, Function<Mutant, Optional<String>> source) {
        for (var report : reports) {
            for (var m : report) {
                mutants.merge(m.key(), m, Mutant::merge);
            }
        }
        // One entry explains one mutant (two survivors of one line and mutator need two lines): survivors take
        // entries first, so a line whose other mutants are killed does not count as a stale entry.
        var unused = new ArrayList<>(equivalents.entries());
        for (var m : mutants.values()) {
            if (m.detected()) {
                continue;
            }
            for (var it = unused.iterator(); it.hasNext(); ) {
                var e = it.next();
                if (Equivalents.matches(e, m, source)) {
                    equivalent.put(m.key(), e);
                    it.remove();
                    break;
                }
            }
        }
        for (var e : unused) {
            if (mutants.values().stream().anyMatch(m -> m.detected() && Equivalents.matches(e, m, source))) {
                killedButListed.add(e);
            }
        }
    }

    public Score total(String name) {
        return score(name, mutants.values());
    }

    /** One score per top-level class, in class-name order. */
    public List<Score> perClass() {
        var byClass = new TreeMap<String, List<Mutant>>();
        for (var m : mutants.values()) {
            byClass.computeIfAbsent(m.outerClass(), c -> new ArrayList<>()).add(m);
        }
        return byClass.entrySet().stream().map(e -> score(e.getKey(), e.getValue())).toList();
    }

    /** Mutants no test killed and the list does not explain, in class and line order. */
    public List<Mutant> survivors() {
        return mutants.values().stream()
                .filter(m -> !m.detected() && !equivalent.containsKey(m.key()))
                .sorted(java.util.Comparator.comparing(Mutant::mutatedClass).thenComparingInt(Mutant::line))
                .toList();
    }

    /** Entries of the list that matched a mutant some test killed: the entry is wrong (or out of date). */
    public List<Equivalents.Entry> killedButListed() {
        return killedButListed;
    }

    private Score score(String name, Collection<Mutant> ms) {
        int killed = (int) ms.stream().filter(Mutant::detected).count();
        int eq = (int) ms.stream().filter(m -> equivalent.containsKey(m.key())).count();
        return new Score(name, ms.size(), killed, eq);
    }
}
