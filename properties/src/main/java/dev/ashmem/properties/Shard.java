package dev.ashmem.properties;

/**
 * A deterministic slice of a campaign's chains, {@code --shard I/N}: shard {@code index} (1-based, 1..N)
 * of {@code count} runs the chains whose index k (0-based) has {@code k % count == index - 1}. N shards with
 * the same seed and {@code --tries T} run, between them, exactly the chains 0..T-1 of the unsharded run.
 */
public record Shard(int index, int count) {
    /** The whole campaign. */
    public static final Shard ALL = new Shard(1, 1);

    public Shard {
        if (count < 1 || index < 1 || index > count) {
            throw new IllegalArgumentException("shard " + index + "/" + count + " does not exist: I/N needs 1 <= I <= N");
        }
    }

    /** {@code I/N}, as the command line and the summary file write it. */
    public static Shard parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("'" + text + "' is not I/N (for example 1/4)");
        }
        try {
            return new Shard(Integer.parseInt(text.substring(0, slash).strip()), Integer.parseInt(text.substring(slash + 1).strip()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not I/N (for example 1/4)");
        }
    }

    /** The chain index of this shard's {@code position}-th chain (both 0-based). */
    public long chain(long position) {
        return index - 1 + position * count;
    }

    /** How many of the chains 0..tries-1 are this shard's. */
    public long chainsOf(long tries) {
        return tries <= index - 1 ? 0 : (tries - index + count) / count;
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
