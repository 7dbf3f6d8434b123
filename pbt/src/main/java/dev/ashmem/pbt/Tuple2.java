package dev.ashmem.pbt;

/** A pair of generated values. */
public record Tuple2<A, B>(A first, B second) {
    @Override
    public String toString() {
        return "(" + Show.show(first) + ", " + Show.show(second) + ")";
    }
}
