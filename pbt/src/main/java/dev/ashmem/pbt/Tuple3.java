package dev.ashmem.pbt;

/** A triple of generated values. */
public record Tuple3<A, B, C>(A first, B second, C third) {
    @Override
    public String toString() {
        return "(" + Show.show(first) + ", " + Show.show(second) + ", " + Show.show(third) + ")";
    }
}
