package dev.ashmem.pbt;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The generators of {@link Gens#recursive}, one per depth: the one at depth d draws "leaf or node?"
 * and builds nodes from the one at depth d + 1; the last one only draws leaves.
 */
final class Recursive<T> {

    private final List<Gen<T>> levels = new ArrayList<>();

    Recursive(Gen<? extends T> leaf, Function<Gen<T>, Gen<? extends T>> branch, int maxDepth) {
        Gen<T> deeper = c -> leaf.draw(c);
        levels.add(deeper);
        for (int d = maxDepth - 1; d >= 0; d--) {
            Gen<? extends T> node = branch.apply(deeper);
            Gen<T> level = c -> {
                // Half nodes: with two children per node the expected tree stays small, and the depth cap bounds it.
                c.startSpan();
                boolean isNode = c.weighted(0.5);
                T value = isNode ? node.draw(c) : leaf.draw(c);
                c.endSpan();
                return value;
            };
            levels.add(level);
            deeper = level;
        }
    }

    /** The generator for the top of the tree (depth 0). */
    Gen<T> at(int depth) {
        return levels.get(levels.size() - 1 - depth);
    }
}
