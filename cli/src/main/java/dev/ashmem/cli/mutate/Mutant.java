package dev.ashmem.cli.mutate;

import java.util.List;

/**
 * One mutant as PIT's {@code mutations.xml} describes it. Its {@link #key()} is the same in every module's
 * report (PIT mutates the same bytecode everywhere), so the reports of several modules can be merged.
 */
public record Mutant(String mutatedClass, String method, String methodDescription, int line, String mutator,
        List<Integer> indexes, List<Integer> blocks, String sourceFile, String description, boolean detected,
        String status) {

    /** What identifies the mutant across reports: where in the bytecode, and which change. */
    public record Key(String mutatedClass, String method, String methodDescription, String mutator,
            List<Integer> indexes, List<Integer> blocks) {}

    public Key key() {
        return new Key(mutatedClass, method, methodDescription, mutator, indexes, blocks);
    }

    /** The mutator's short name: {@code ConditionalsBoundaryMutator}, {@code RemoveConditionalMutator_EQUAL_ELSE}. */
    public String mutatorName() {
        return mutator.substring(mutator.lastIndexOf('.') + 1);
    }

    /** The top-level class the mutant is in (lambdas and nested classes count for their outer class). */
    public String outerClass() {
        int dollar = mutatedClass.indexOf('$');
        return dollar < 0 ? mutatedClass : mutatedClass.substring(0, dollar);
    }

    /** The same mutant, killed when either is. */
    Mutant merge(Mutant other) {
        return detected || !other.detected ? this : other;
    }
}
