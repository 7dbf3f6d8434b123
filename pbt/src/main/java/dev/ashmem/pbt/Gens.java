package dev.ashmem.pbt;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * Factories for the built-in generators. Every generator maps the choice 0 to its simplest value: the
 * first option, the value closest to 0 within the bounds, false, the empty (or shortest) collection.
 */
public final class Gens {

    private static final long[] NO_PAGE_SIZES = new long[0];

    /** Printable ASCII, simplest first. */
    public static final String DEFAULT_ALPHABET =
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 _-.,:;!?/\\'\"()[]{}<>@#$%^&*+=|~`";

    private Gens() {}

    /** Longs in [min, max] with edge-case bias. */
    public static LongGen longs(long min, long max) {
        return new LongGen(min, max, true, NO_PAGE_SIZES);
    }

    /** Any long. */
    public static LongGen longs() {
        return longs(Long.MIN_VALUE, Long.MAX_VALUE);
    }

    /** Ints in [min, max] with edge-case bias. */
    public static IntGen ints(int min, int max) {
        return new IntGen(new LongGen(min, max, true, NO_PAGE_SIZES));
    }

    /** Any int. */
    public static IntGen ints() {
        return ints(Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    /** Unsigned 32-bit values as longs in [0, 0xFFFFFFFF]. */
    public static LongGen u32() {
        return longs(0, 0xFFFF_FFFFL);
    }

    /**
     * Unsigned 64-bit values in a long: simpler means smaller as unsigned, so 0 is simplest and -1
     * (0xFFFFFFFFFFFFFFFF) is the largest.
     */
    public static Gen<Long> u64() {
        return new U64Gen(NO_PAGE_SIZES);
    }

    public static Gen<Boolean> booleans() {
        return named("booleans()", Choices::drawBoolean);
    }

    public static <T> Gen<T> constant(T value) {
        return named("constant(" + Show.show(value) + ")", c -> value);
    }

    /** One of the values; earlier ones are simpler. */
    @SafeVarargs
    public static <T> Gen<T> elements(T... values) {
        List<T> list = new ArrayList<>(values.length);
        for (T v : values) list.add(v);
        return elements(list);
    }

    /** One of the list's elements; earlier ones are simpler. The list is copied. */
    public static <T> Gen<T> elements(List<? extends T> values) {
        if (values.isEmpty()) throw new IllegalArgumentException("elements() of an empty list");
        List<T> copy = new ArrayList<>(values);
        return named("elements(" + Show.show(copy) + ")", c -> copy.get(c.drawIndex(copy.size())));
    }

    public static <E extends Enum<E>> Gen<E> enums(Class<E> type) {
        return elements(type.getEnumConstants()).named("enums(" + type.getSimpleName() + ")");
    }

    /** Draws from one of the generators; earlier ones are simpler. */
    @SafeVarargs
    public static <T> Gen<T> oneOf(Gen<? extends T>... gens) {
        List<Gen<? extends T>> list = new ArrayList<>(gens.length);
        for (Gen<? extends T> g : gens) list.add(g);
        return oneOf(list);
    }

    public static <T> Gen<T> oneOf(List<? extends Gen<? extends T>> gens) {
        if (gens.isEmpty()) throw new IllegalArgumentException("oneOf() of no generators");
        List<Gen<? extends T>> copy = List.copyOf(gens);
        return named("oneOf(" + describeAll(copy) + ")", c -> copy.get(c.drawIndex(copy.size())).draw(c));
    }

    /** A generator with a relative weight, for {@link #frequency}. */
    public record Weighted<T>(int weight, Gen<? extends T> gen) {
        public Weighted {
            if (weight <= 0) throw new IllegalArgumentException("weight must be positive: " + weight);
            Objects.requireNonNull(gen);
        }
    }

    public static <T> Weighted<T> weight(int weight, Gen<? extends T> gen) {
        return new Weighted<>(weight, gen);
    }

    /** Picks a generator with probability proportional to its weight; earlier ones are simpler. */
    @SafeVarargs
    public static <T> Gen<T> frequency(Weighted<? extends T>... options) {
        List<Weighted<? extends T>> copy = new ArrayList<>(options.length);
        for (Weighted<? extends T> w : options) copy.add(Objects.requireNonNull(w));
        if (copy.isEmpty()) throw new IllegalArgumentException("frequency() of no options");
        long total = 0;
        for (var w : copy) total += w.weight();
        long totalWeight = total;
        String description = "frequency(" + String.join(", ",
                copy.stream().map(w -> w.weight() + ": " + w.gen().describe()).toList()) + ")";
        return named(description, c -> {
            long k = c.draw(totalWeight - 1);
            for (var w : copy) {
                if (k < w.weight()) return w.gen().draw(c);
                k -= w.weight();
            }
            throw new AssertionError("unreachable");
        });
    }

    /** Lists of size in [minSize, maxSize]; shorter lists are simpler. */
    public static <T> Gen<List<T>> lists(Gen<T> element, int minSize, int maxSize) {
        if (minSize < 0 || minSize > maxSize) {
            throw new IllegalArgumentException("bad list size bounds [" + minSize + ", " + maxSize + "]");
        }
        double pMore = continueProbability(minSize, maxSize);
        return named("lists(" + element.describe() + ", " + minSize + ", " + maxSize + ")", c -> {
            List<T> out = new ArrayList<>();
            for (int i = 0; i < minSize; i++) {
                c.startSpan();
                out.add(element.draw(c));
                c.endSpan();
            }
            // Each optional element is a span [more=1, element...] so the shrinker can delete it whole.
            while (out.size() < maxSize) {
                c.startSpan();
                boolean more = c.weighted(pMore);
                if (more) out.add(element.draw(c));
                c.endSpan();
                if (!more) break;
            }
            return out;
        });
    }

    public static <T> Gen<List<T>> lists(Gen<T> element) {
        return lists(element, 0, 64);
    }

    /** Byte arrays of length in [minSize, maxSize]; 0 bytes and short arrays are simpler. */
    public static Gen<byte[]> bytes(int minSize, int maxSize) {
        if (minSize < 0 || minSize > maxSize) {
            throw new IllegalArgumentException("bad byte array bounds [" + minSize + ", " + maxSize + "]");
        }
        double pMore = continueProbability(minSize, maxSize);
        return named("bytes(" + minSize + ", " + maxSize + ")", c -> {
            byte[] out = new byte[Math.min(Math.max(minSize, 16), maxSize)];
            int n = 0;
            while (n < maxSize) {
                c.startSpan();
                boolean more = n < minSize || c.weighted(pMore);
                if (more) {
                    if (n == out.length) out = Arrays.copyOf(out, Math.min(maxSize, n * 2 + 1));
                    out[n++] = (byte) c.draw(255);
                }
                c.endSpan();
                if (!more) break;
            }
            return n == out.length ? out : Arrays.copyOf(out, n);
        });
    }

    /** Characters from the alphabet; earlier ones are simpler. */
    public static Gen<Character> chars(String alphabet) {
        if (alphabet.isEmpty()) throw new IllegalArgumentException("empty alphabet");
        return named("chars(" + Show.show(alphabet) + ")", c -> alphabet.charAt(c.drawIndex(alphabet.length())));
    }

    /** Strings over {@link #DEFAULT_ALPHABET} of length in [minLength, maxLength]. */
    public static Gen<String> strings(int minLength, int maxLength) {
        return strings(DEFAULT_ALPHABET, minLength, maxLength);
    }

    public static Gen<String> strings(String alphabet, int minLength, int maxLength) {
        if (alphabet.isEmpty()) throw new IllegalArgumentException("empty alphabet");
        if (minLength < 0 || minLength > maxLength) {
            throw new IllegalArgumentException("bad string bounds [" + minLength + ", " + maxLength + "]");
        }
        double pMore = continueProbability(minLength, maxLength);
        return named("strings(" + minLength + ", " + maxLength + ")", c -> {
            var sb = new StringBuilder();
            while (sb.length() < maxLength) {
                c.startSpan();
                boolean more = sb.length() < minLength || c.weighted(pMore);
                if (more) sb.append(alphabet.charAt(c.drawIndex(alphabet.length())));
                c.endSpan();
                if (!more) break;
            }
            return sb.toString();
        });
    }

    public static <A, B> Gen<Tuple2<A, B>> tuples(Gen<A> a, Gen<B> b) {
        return zip(a, b, Tuple2::new);
    }

    public static <A, B, C> Gen<Tuple3<A, B, C>> tuples(Gen<A> a, Gen<B> b, Gen<C> c) {
        return zip(a, b, c, Tuple3::new);
    }

    /** Draws a, then b, and combines them (for example into a record: {@code zip(xs, ys, Point::new)}). */
    public static <A, B, R> Gen<R> zip(Gen<A> a, Gen<B> b, BiFunction<? super A, ? super B, ? extends R> f) {
        return named("zip(" + a.describe() + ", " + b.describe() + ")", c -> f.apply(a.draw(c), b.draw(c)));
    }

    @FunctionalInterface
    public interface Function3<A, B, C, R> {
        R apply(A a, B b, C c);
    }

    @FunctionalInterface
    public interface Function4<A, B, C, D, R> {
        R apply(A a, B b, C c, D d);
    }

    public static <A, B, C, R> Gen<R> zip(Gen<A> a, Gen<B> b, Gen<C> c, Function3<? super A, ? super B, ? super C, ? extends R> f) {
        return named("zip(" + describeAll(List.of(a, b, c)) + ")", ch -> f.apply(a.draw(ch), b.draw(ch), c.draw(ch)));
    }

    public static <A, B, C, D, R> Gen<R> zip(Gen<A> a, Gen<B> b, Gen<C> c, Gen<D> d,
            Function4<? super A, ? super B, ? super C, ? super D, ? extends R> f) {
        return named("zip(" + describeAll(List.of(a, b, c, d)) + ")",
                ch -> f.apply(a.draw(ch), b.draw(ch), c.draw(ch), d.draw(ch)));
    }

    /** Defers building a generator, for recursive structures. */
    public static <T> Gen<T> lazy(Supplier<Gen<T>> supplier) {
        return new Gen<>() {
            private Gen<T> gen;

            @Override
            public T draw(Choices c) {
                if (gen == null) gen = supplier.get();
                return gen.draw(c);
            }

            @Override
            public String describe() {
                return "lazy(..)";
            }
        };
    }

    /**
     * A recursive structure (trees, expressions) of nesting depth at most {@code maxDepth}: {@code leaf}
     * is the simplest form, {@code branch} builds a node from a generator of subtrees. Choice 0 at any
     * level is a leaf, and at the depth limit only leaves are drawn, so generation always terminates
     * and shrinking replaces subtrees by leaves. Use it instead of {@link #lazy} self-reference, whose
     * trees can grow until they exhaust {@code pbt.maxChoices} or the stack.
     */
    public static <T> Gen<T> recursive(Gen<? extends T> leaf, java.util.function.Function<Gen<T>, Gen<? extends T>> branch,
            int maxDepth) {
        Objects.requireNonNull(leaf);
        Objects.requireNonNull(branch);
        if (maxDepth < 0) throw new IllegalArgumentException("maxDepth must be >= 0: " + maxDepth);
        return named("recursive(" + leaf.describe() + ", depth " + maxDepth + ")", new Recursive<T>(leaf, branch, maxDepth).at(0));
    }

    static <T> Gen<T> named(String description, Gen<T> gen) {
        return new Gen<>() {
            @Override
            public T draw(Choices c) {
                return gen.draw(c);
            }

            @Override
            public String describe() {
                return description;
            }
        };
    }

    private static String describeAll(List<? extends Gen<?>> gens) {
        return String.join(", ", gens.stream().map(Gen::describe).toList());
    }

    // Geometric continuation with average size min(max(2 min, min + 5), (min + max) / 2): mostly small, sometimes long.
    private static double continueProbability(int min, int max) {
        if (max == min) return 0;
        double average = Math.min(Math.max(min * 2.0, min + 5.0), (min + (double) max) / 2);
        double extra = Math.max(average - min, 0.5);
        return extra / (extra + 1);
    }
}
