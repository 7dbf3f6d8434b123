package dev.ashmem.generator;

import dev.ashmem.model.Caller;
import dev.ashmem.model.Command;
import dev.ashmem.model.DeviceSnapshot;
import dev.ashmem.model.Op;
import dev.ashmem.model.Prot;
import dev.ashmem.pbt.Choices;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The project's one random operation generator: draws model {@link Op}s from a pbt {@link Choices},
 * steered by the model's current {@link DeviceSnapshot} towards the states and arguments where ashmem's
 * rules differ (see {@link PinTargets} for the list walks, {@link Boundaries} for the odd values).
 * Smaller choices give simpler operations (the first kind, the first handle, page 0, one page, short
 * byte strings, valid arguments), so the pbt shrinker minimises chains and values alike.
 *
 * <p>Used by the differential suite, the TCK and the campaign (one state-machine action per
 * {@link OpKind}), by {@code drive} and by {@code generate} (through {@link #next}).
 */
public final class OpGenerator {
    private final int[] weights;
    private final long[] offsets;
    private final long total;

    /** The generator with every kind at its default weight. */
    public OpGenerator() {
        this(Arrays.stream(OpKind.values()).mapToInt(OpKind::weight).toArray());
    }

    private OpGenerator(int[] weights) {
        this.weights = weights;
        this.offsets = new long[weights.length];
        long t = 0;
        for (int i = 0; i < weights.length; i++) {
            offsets[i] = t;
            t += weights[i];
        }
        this.total = t;
    }

    /**
     * A generator that draws the operations behind the given rules four times as often (a rule is known by
     * its prefix: PIN, UNPIN and PINARG favour PIN and UNPIN, STATUS and PINARG GET_PIN_STATUS, SHRINK and PURGE the shrinker, and
     * so on), so that a scoped generation spends its steps where its rules are.
     */
    public OpGenerator focus(Collection<String> rules) {
        var w = Arrays.stream(OpKind.values()).mapToInt(OpKind::weight).toArray();
        for (String r : rules) {
            String prefix = r.contains("-") ? r.substring(0, r.indexOf('-')) : r;
            var kinds = switch (prefix) {
                case "PIN", "UNPIN" -> List.of(OpKind.PIN_FAMILY);
                case "STATUS" -> List.of(OpKind.PIN_STATUS);
                case "PINARG" -> List.of(OpKind.PIN_FAMILY, OpKind.PIN_STATUS);
                case "SHRINK", "PURGE" -> List.of(OpKind.PIN_FAMILY, OpKind.SHRINK);
                case "MMAP", "MUNMAP", "MPROTECT", "MEM" -> List.of(OpKind.MMAP, OpKind.ACCESS, OpKind.MPROTECT, OpKind.MUNMAP);
                case "NAME", "GETNAME", "IOCTL" -> List.of(OpKind.ATTRIBUTE);
                case "SIZE" -> List.of(OpKind.SET_SIZE, OpKind.GET_SIZE);
                case "PROT" -> List.of(OpKind.PROT_MASK);
                case "READ", "SEEK" -> List.of(OpKind.READ, OpKind.LLSEEK, OpKind.ACCESS);
                case "HANDLE", "OPEN", "DUP", "CLOSE" -> List.of(OpKind.OPEN, OpKind.DUP, OpKind.CLOSE);
                default -> List.<OpKind>of();
            };
            for (var k : kinds) {
                w[k.ordinal()] = k.weight() * 4;
            }
        }
        return new OpGenerator(w);
    }

    /**
     * This generator without the given kinds: they are never drawn (an implementation that cannot express
     * them, {@code drive --skip}). A recorded position on an excluded kind means the next drawn kind, as for
     * a kind disabled by the state.
     */
    public OpGenerator without(Collection<OpKind> excluded) {
        var w = weights.clone();
        for (var k : excluded) {
            w[k.ordinal()] = 0;
        }
        return new OpGenerator(w);
    }

    /** Whether {@link #next} has a kind to draw in state {@code s} (false: every enabled kind is excluded). */
    public boolean canDraw(DeviceSnapshot s) {
        for (var k : OpKind.values()) {
            if (weights[k.ordinal()] > 0 && k.enabled(s)) {
                return true;
            }
        }
        return false;
    }

    /** This generator's weight for {@code kind}. */
    public int weight(OpKind kind) {
        return weights[kind.ordinal()];
    }

    /**
     * The next operation for state {@code s}: a kind enabled in {@code s}, by weight ({@link OpKind#boost} while
     * generating), then its arguments.
     * The kind is recorded as a position in the cumulative weights of all kinds, so a step keeps its kind
     * when the shrinker deletes earlier steps (a position on a disabled kind means the next enabled one).
     */
    public Op next(Choices c, DeviceSnapshot s) {
        var kinds = OpKind.values();
        var enabled = new boolean[kinds.length];
        var boosted = new long[kinds.length];
        long enabledWeight = 0;
        for (int i = 0; i < kinds.length; i++) {
            enabled[i] = weights[i] > 0 && kinds[i].enabled(s);
            boosted[i] = enabled[i] ? (long) weights[i] * kinds[i].boost(s) : 0;
            enabledWeight += boosted[i];
        }
        if (enabledWeight == 0) {
            if (weights[OpKind.OPEN.ordinal()] == 0) {
                throw new IllegalStateException("no operation kind can be drawn in this state (see canDraw)");
            }
            return new Op.Open();
        }
        int index = 0;
        SplittableRandom random = c.random();
        if (random != null) {
            long k = random.nextLong(enabledWeight);
            while (k >= boosted[index]) {
                k -= boosted[index];
                index++;
            }
            c.forced(total - 1, offsets[index]);
        } else {
            long k = c.draw(total - 1);
            while (index + 1 < kinds.length && offsets[index + 1] <= k) {
                index++;
            }
            while (!enabled[index]) {
                index = (index + 1) % kinds.length;
            }
        }
        return draw(kinds[index], c, s);
    }

    /** An operation of the given kind for state {@code s}. */
    public static Op draw(OpKind kind, Choices c, DeviceSnapshot s) {
        var d = new Draws(c, s);
        return switch (kind) {
            case PIN_FAMILY -> d.pinFamily();
            case PIN_STATUS -> d.pinStatus();
            case SHRINK -> d.shrink();
            case ACCESS -> d.access();
            case OPEN -> new Op.Open();
            case SET_SIZE -> d.setSize();
            case MMAP -> d.mmap();
            case ATTRIBUTE -> d.attribute();
            case GET_SIZE -> d.getSize();
            case PROT_MASK -> d.protMask();
            case READ -> d.read();
            case LLSEEK -> d.llseek();
            case MPROTECT -> d.mprotect();
            case MUNMAP -> d.munmap();
            case DUP -> d.dup();
            case CLOSE -> d.close();
        };
    }

    /**
     * How a chain starts: one area of 1 to 16 pages with its file (open, SET_SIZE, a read-write shared
     * mmap of all of it), so that the pin and shrinker rules are a few steps away. Handle 0, mapping 1.
     * One chain in ten makes the area 8 GiB larger (the mapping stays small): in a region of 4 GiB or more
     * a u32 overflow of offset + len passes the bounds check, so only PINARG-OVERFLOW refuses it.
     */
    public static List<Op> prelude(Choices c, int pageSize) {
        long pages = 1 + c.draw(15);
        long size = pages * pageSize + (c.weighted(0.1) ? 2 * Boundaries.TWO_32 : 0);
        return List.of(new Op.Open(), new Op.Ioctl(0, new Command.SetSize(size), Caller.APP),
                new Op.Mmap(0, pages * pageSize, Prot.READ | Prot.WRITE, true, 0, Caller.APP));
    }
}
