package dev.ashmem.pbt;

import java.util.Set;

/** A coverage requirement: each of {@code labels} must be hit at least {@code atLeast} times per run. */
public record Coverage(Set<String> labels, long atLeast) {
    public Coverage {
        labels = Set.copyOf(labels);
        if (atLeast < 1) throw new IllegalArgumentException("atLeast must be >= 1: " + atLeast);
    }
}
