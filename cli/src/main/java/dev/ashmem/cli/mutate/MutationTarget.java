package dev.ashmem.cli.mutate;

import java.util.List;

/**
 * What {@code ./ashmem mutate} mutates, and whose tests count: PIT runs once per module listed (cross-module,
 * so each module's tests meet the target's mutants) and a mutant is killed when any of them killed it.
 */
public enum MutationTarget {
    /**
     * The model's mutants meet the model's scenarios and laws and the trace module's tests. The differential
     * suite added no kill to them (measured 2026-12-06: 37 more minutes of PIT) and the checker's and oracle's
     * suites are not needed for the target, so they are left out: more suites can only add kills.
     */
    MODEL("model", "dev.ashmem.model.*", List.of("model", "trace")),
    /** The reference implementation's (without the raw libc bindings, excluded in the pom's mutation profile). */
    REFERENCE_IMPL("reference-impl", "dev.ashmem.impl.*", List.of("reference-impl", "properties", "oracle"));

    private final String word;
    private final String classes;
    private final List<String> modules;

    MutationTarget(String word, String classes, List<String> modules) {
        this.word = word;
        this.classes = classes;
        this.modules = modules;
    }

    public String word() {
        return word;
    }

    /** PIT's {@code targetClasses} glob. */
    public String classes() {
        return classes;
    }

    /** The modules whose tests run against the mutants; the first holds the mutated classes. */
    public List<String> modules() {
        return modules;
    }

    /** {@code model}, {@code reference-impl} or {@code all}. */
    public static List<MutationTarget> parse(String word) {
        if (word.equals("all")) {
            return List.of(values());
        }
        for (var t : values()) {
            if (t.word.equals(word)) {
                return List.of(t);
            }
        }
        throw new IllegalArgumentException("unknown target '" + word + "' (model, reference-impl or all)");
    }
}
