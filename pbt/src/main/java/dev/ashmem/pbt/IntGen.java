package dev.ashmem.pbt;

/** Ints in [min, max]; see {@link LongGen} for the shrinking order and edge cases. */
public final class IntGen implements Gen<Integer> {

    private final LongGen longs;

    IntGen(LongGen longs) {
        this.longs = longs;
    }

    public IntGen noEdgeCases() {
        return new IntGen(longs.noEdgeCases());
    }

    public IntGen pageSizes(long... sizes) {
        return new IntGen(longs.pageSizes(sizes));
    }

    /** Draws without boxing. */
    public int drawInt(Choices c) {
        return (int) longs.drawLong(c);
    }

    @Override
    public Integer draw(Choices c) {
        return (int) longs.drawLong(c);
    }

    @Override
    public String describe() {
        return "ints(" + longs.min() + ", " + longs.max() + ")";
    }
}
