package dev.ashmem.trace;

import dev.ashmem.model.Caller;
import dev.ashmem.model.Command;
import dev.ashmem.model.OpWord;
import dev.ashmem.model.TraceText;
import java.util.Arrays;
import java.util.Objects;

/**
 * One operation of a trace line: the model's {@link dev.ashmem.model.Op} with handles and mappings
 * named as the trace names them ({@link Name}), and an optional per-line caller (null: the header's);
 * or one step of a shrinker thread ({@link ShrinkMark}, {@link ShrinkPunch}, {@link ShrinkRelease}).
 */
public sealed interface Step {

    /** The operation word ({@link OpWord#word()} is how the trace writes it). */
    OpWord word();

    /** Operations whose success value is a new name (open, dup, mmap). */
    default boolean binds() {
        return this instanceof Open || this instanceof Dup || this instanceof Mmap;
    }

    record Open() implements Step {
        @Override
        public OpWord word() {
            return OpWord.OPEN;
        }
    }

    record Dup(Name fd) implements Step {
        public Dup {
            Objects.requireNonNull(fd);
        }

        @Override
        public OpWord word() {
            return OpWord.DUP;
        }
    }

    record Close(Name fd) implements Step {
        public Close {
            Objects.requireNonNull(fd);
        }

        @Override
        public OpWord word() {
            return OpWord.CLOSE;
        }
    }

    record Ioctl(Name fd, Command cmd, Caller caller) implements Step {
        public Ioctl {
            Objects.requireNonNull(fd);
            Objects.requireNonNull(cmd);
        }

        @Override
        public OpWord word() {
            return OpWord.IOCTL;
        }
    }

    record Mmap(Name fd, long length, int prot, boolean shared, long offset, Caller caller) implements Step {
        public Mmap {
            Objects.requireNonNull(fd);
        }

        @Override
        public OpWord word() {
            return OpWord.MMAP;
        }
    }

    record Munmap(Name map) implements Step {
        public Munmap {
            Objects.requireNonNull(map);
        }

        @Override
        public OpWord word() {
            return OpWord.MUNMAP;
        }
    }

    record Mprotect(Name map, int prot, Caller caller) implements Step {
        public Mprotect {
            Objects.requireNonNull(map);
        }

        @Override
        public OpWord word() {
            return OpWord.MPROTECT;
        }
    }

    record Load(Name map, long offset, int length) implements Step {
        public Load {
            Objects.requireNonNull(map);
            if (length < 0) {
                throw new IllegalArgumentException("load length must be >= 0: " + length);
            }
        }

        @Override
        public OpWord word() {
            return OpWord.LOAD;
        }
    }

    record Store(Name map, long offset, byte[] data) implements Step {
        public Store {
            Objects.requireNonNull(map);
            data = data.clone();
        }

        @Override
        public byte[] data() {
            return data.clone();
        }

        @Override
        public OpWord word() {
            return OpWord.STORE;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Store s && s.map.equals(map) && s.offset == offset && Arrays.equals(s.data, data);
        }

        @Override
        public int hashCode() {
            return Objects.hash(map, offset, Arrays.hashCode(data));
        }

        @Override
        public String toString() {
            return "Store[map=" + map + ", offset=" + offset + ", data=" + TraceText.hex(data) + "]";
        }
    }

    record Read(Name fd, int count) implements Step {
        public Read {
            Objects.requireNonNull(fd);
        }

        @Override
        public OpWord word() {
            return OpWord.READ;
        }
    }

    record Llseek(Name fd, long offset, int whence) implements Step {
        public Llseek {
            Objects.requireNonNull(fd);
        }

        @Override
        public OpWord word() {
            return OpWord.LLSEEK;
        }
    }

    record ShrinkCount() implements Step {
        @Override
        public OpWord word() {
            return OpWord.SHRINK_COUNT;
        }
    }

    record ShrinkScan(long nrToScan, boolean mayEnterFs) implements Step {
        @Override
        public OpWord word() {
            return OpWord.SHRINK_SCAN;
        }
    }

    /**
     * The shrinker thread {@code thread} marks the LRU head purged and takes it off the LRU, under the
     * mutex (CONC-PUNCH-UNLOCKED); its punch is now in flight (CONC-INFLIGHT). Result: the pages marked,
     * 0 when the LRU was empty (then nothing is in flight).
     */
    record ShrinkMark(int thread) implements Step {
        public ShrinkMark {
            checkThread(thread);
        }

        @Override
        public OpWord word() {
            return OpWord.SHRINK_MARK;
        }
    }

    /** The shrinker thread {@code thread} punches the hole of the range it marked, outside the mutex. Result 0. */
    record ShrinkPunch(int thread) implements Step {
        public ShrinkPunch {
            checkThread(thread);
        }

        @Override
        public OpWord word() {
            return OpWord.SHRINK_PUNCH;
        }
    }

    /** The shrinker thread {@code thread} drops the in-flight count after its punch. Result 0. */
    record ShrinkRelease(int thread) implements Step {
        public ShrinkRelease {
            checkThread(thread);
        }

        @Override
        public OpWord word() {
            return OpWord.SHRINK_RELEASE;
        }
    }

    private static void checkThread(int thread) {
        if (thread < 0) {
            throw new IllegalArgumentException("a shrinker thread is a number >= 0: " + thread);
        }
    }
}
