package dev.ashmem.pbt;

/**
 * Unsigned 64-bit values in a long, simplest first as unsigned numbers: a "high half" choice (false
 * first), then the low 63 bits. While generating, the top values (-1, -2, 2^63, …) show up often.
 */
final class U64Gen implements Gen<Long> {

    private static final long[] HIGH_EDGES = {-1, -2, Long.MIN_VALUE, Long.MIN_VALUE + 1, 0xFFFF_FFFF_0000_0000L};

    private final LongGen low;

    U64Gen(long[] pageSizes) {
        this.low = new LongGen(0, Long.MAX_VALUE, true, pageSizes);
    }

    @Override
    public Long draw(Choices c) {
        var random = c.random();
        if (random != null && random.nextInt(8) == 0) {
            long v = HIGH_EDGES[random.nextInt(HIGH_EDGES.length)];
            c.forced(1, 1);
            c.forced(Long.MAX_VALUE, v & Long.MAX_VALUE);
            return v;
        }
        boolean high = random != null ? c.forced(1, random.nextInt(8) == 0 ? 1 : 0) == 1 : c.drawBoolean();
        long bits = low.drawLong(c);
        return high ? bits | Long.MIN_VALUE : bits;
    }

    @Override
    public String describe() {
        return "u64()";
    }
}
