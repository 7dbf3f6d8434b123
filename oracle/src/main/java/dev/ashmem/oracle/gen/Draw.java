package dev.ashmem.oracle.gen;

import dev.ashmem.pbt.Choices;
import java.util.List;

/**
 * Drawing from the property engine's choices: every draw is one recorded choice, option 0 is the
 * simplest, so the engine's shrinker turns a failing sequence into a short one with plain values.
 */
public final class Draw {
    private final Choices c;

    public Draw(Choices c) {
        this.c = c;
    }

    public Choices choices() {
        return c;
    }

    /** An index in [0, n), uniform while generating. */
    public int index(int n) {
        return c.drawIndex(n);
    }

    /** An index chosen by weight while generating; option 0 is still the simplest. */
    public int weighted(int... weights) {
        if (!c.generating()) {
            return (int) c.draw(weights.length - 1L);
        }
        int total = 0;
        for (int w : weights) {
            total += w;
        }
        int k = c.random().nextInt(total);
        int i = 0;
        while (k >= weights[i]) {
            k -= weights[i];
            i++;
        }
        return (int) c.forced(weights.length - 1L, i);
    }

    /** True with probability p while generating; false is simpler. */
    public boolean chance(double p) {
        return c.weighted(p);
    }

    /** A value in [0, bound]. */
    public long upTo(long bound) {
        return c.draw(bound);
    }

    public <T> T pick(List<T> options) {
        return options.get(index(options.size()));
    }
}
