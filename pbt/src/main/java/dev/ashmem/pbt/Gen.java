package dev.ashmem.pbt;

import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A generator: a function from choices to a value. Smaller choices must give simpler values, so that
 * shrinking the choice sequence shrinks the value. Build generators with {@link Gens} and combine them
 * with {@link #map}, {@link #flatMap} and {@link #filter}; a lambda {@code choices -> ...} is a generator too.
 */
@FunctionalInterface
public interface Gen<T> {

    /** How many consecutive rejections a filter tolerates before it discards the test case. */
    int FILTER_RETRIES = 100;

    T draw(Choices choices);

    /** A short description for error messages, such as {@code ints(0, 10)}. */
    default String describe() {
        return "gen";
    }

    default <R> Gen<R> map(Function<? super T, ? extends R> f) {
        Objects.requireNonNull(f);
        Gen<T> self = this;
        return new Gen<>() {
            @Override
            public R draw(Choices c) {
                return f.apply(self.draw(c));
            }

            @Override
            public String describe() {
                return self.describe() + ".map(..)";
            }
        };
    }

    default <R> Gen<R> flatMap(Function<? super T, ? extends Gen<? extends R>> f) {
        Objects.requireNonNull(f);
        Gen<T> self = this;
        return new Gen<>() {
            @Override
            public R draw(Choices c) {
                return f.apply(self.draw(c)).draw(c);
            }

            @Override
            public String describe() {
                return self.describe() + ".flatMap(..)";
            }
        };
    }

    /** Keeps values satisfying {@code p}; see {@link #filter(String, Predicate)}. */
    default Gen<T> filter(Predicate<? super T> p) {
        return filter("..", p);
    }

    /**
     * Keeps values satisfying {@code p}, redrawing up to {@link #FILTER_RETRIES} times; after that the test
     * case is discarded. A property whose cases are mostly discarded gives up with an error naming this
     * generator as {@code describe() + ".filter(" + why + ")"}.
     */
    default Gen<T> filter(String why, Predicate<? super T> p) {
        Objects.requireNonNull(p);
        Gen<T> self = this;
        String description = self.describe() + ".filter(" + why + ")";
        return new Gen<>() {
            @Override
            public T draw(Choices c) {
                for (int i = 0; i < FILTER_RETRIES; i++) {
                    c.startSpan();
                    T value = self.draw(c);
                    c.endSpan();
                    if (p.test(value)) return value;
                }
                throw new Discard(Discard.Kind.FILTER, description);
            }

            @Override
            public String describe() {
                return description;
            }
        };
    }

    /** The same generator with a better description for reports and errors. */
    default Gen<T> named(String name) {
        Gen<T> self = this;
        return new Gen<>() {
            @Override
            public T draw(Choices c) {
                return self.draw(c);
            }

            @Override
            public String describe() {
                return name;
            }
        };
    }
}
