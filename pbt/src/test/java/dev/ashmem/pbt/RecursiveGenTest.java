package dev.ashmem.pbt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Gens.recursive: trees stay within their depth cap while generating, and shrink to small trees. */
class RecursiveGenTest {

    sealed interface Tree {}

    record Leaf(int v) implements Tree {}

    record Node(Tree left, Tree right) implements Tree {}

    static int depth(Tree t) {
        return t instanceof Node(Tree l, Tree r) ? 1 + Math.max(depth(l), depth(r)) : 0;
    }

    static final Gen<Tree> TREES = Gens.recursive(Gens.ints(0, 9).map(Leaf::new),
            sub -> Gens.zip(sub, sub, Node::new), 5);

    @Test
    void treesNeverExceedTheirDepthCap() {
        var random = new SplittableRandom(3);
        int deepest = 0;
        for (int i = 0; i < 2000; i++) {
            Tree t = TREES.draw(Choices.generating(random.split(), 100_000, 4096));
            deepest = Math.max(deepest, depth(t));
        }
        assertThat(deepest).isEqualTo(5); // reached, never exceeded
    }

    @Test
    void aDeepTreeShrinksToTheSmallestFailingOne() {
        var failed = (Result.Failed) Pbt.check("depth", Config.defaults().withSeed(1L).withTries(1000),
                ctx -> ctx.check(depth(ctx.draw(TREES, "t")) < 3, "shallow"));
        assertThat(failed.counterexample().lines()).containsExactly(
                "t = Node[left=Leaf[v=0], right=Node[left=Leaf[v=0], right=Node[left=Leaf[v=0], right=Leaf[v=0]]]]");
    }

    @Test
    void theCalculatorChallengeShrinksToItsMinimumFromEverySeed() {
        // Seeds 3 and 5 stop at "(0 + (0 / (0 + 0)))" unless a node can be replaced by its subtree.
        for (long seed = 1; seed <= 10; seed++) {
            var failed = (Result.Failed) Pbt.check("calculator", Config.defaults().withSeed(seed).withTries(1000), ctx -> {
                var e = ctx.draw(ShrinkChallengeBenchmark.Expr.GEN, "e");
                ctx.assume(e.noLiteralZeroDivisor(), "no literal division by 0");
                e.eval();
            });
            assertThat(failed.counterexample().lines()).as("seed %d", seed).containsExactly("e = (0 / (0 + 0))");
        }
    }
}
