package dev.ashmem.check.explore;

/** The stored states in BFS order with the state each was first reached from: what a counterexample's path is rebuilt from. */
interface StateLog {
    int size();

    void get(int idx, long[] out);

    /** The index of the state {@code idx} was first reached from (-1 for the initial state). */
    int parent(int idx);
}
