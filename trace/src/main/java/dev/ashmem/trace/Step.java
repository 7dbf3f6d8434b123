package dev.ashmem.trace;

import dev.ashmem.model.Caller;
import dev.ashmem.model.Command;
import java.util.Arrays;
import java.util.Objects;

/**
 * One operation of a trace line: the model's {@link dev.ashmem.model.Op} with handles and mappings
 * named as the trace names them ({@link Name}), and an optional per-line caller (null: the header's).
 */
public sealed interface Step {

    /** The operation word as the trace writes it. */
    String word();

    /** Operations whose success value is a new name (open, dup, mmap). */
    default boolean binds() {
        return this instanceof Open || this instanceof Dup || this instanceof Mmap;
    }

    record Open() implements Step {
        @Override
        public String word() {
            return "open";
        }
    }

    record Dup(Name fd) implements Step {
        public Dup {
            Objects.requireNonNull(fd);
        }

        @Override
        public String word() {
            return "dup";
        }
    }

    record Close(Name fd) implements Step {
        public Close {
            Objects.requireNonNull(fd);
        }

        @Override
        public String word() {
            return "close";
        }
    }

    record Ioctl(Name fd, Command cmd, Caller caller) implements Step {
        public Ioctl {
            Objects.requireNonNull(fd);
            Objects.requireNonNull(cmd);
        }

        @Override
        public String word() {
            return "ioctl";
        }
    }

    record Mmap(Name fd, long length, int prot, boolean shared, long offset, Caller caller) implements Step {
        public Mmap {
            Objects.requireNonNull(fd);
        }

        @Override
        public String word() {
            return "mmap";
        }
    }

    record Munmap(Name map) implements Step {
        public Munmap {
            Objects.requireNonNull(map);
        }

        @Override
        public String word() {
            return "munmap";
        }
    }

    record Mprotect(Name map, int prot, Caller caller) implements Step {
        public Mprotect {
            Objects.requireNonNull(map);
        }

        @Override
        public String word() {
            return "mprotect";
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
        public String word() {
            return "load";
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
        public String word() {
            return "store";
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
            return "Store[map=" + map + ", offset=" + offset + ", data=" + ByteText.formatHex(data) + "]";
        }
    }

    record Read(Name fd, int count) implements Step {
        public Read {
            Objects.requireNonNull(fd);
        }

        @Override
        public String word() {
            return "read";
        }
    }

    record Llseek(Name fd, long offset, int whence) implements Step {
        public Llseek {
            Objects.requireNonNull(fd);
        }

        @Override
        public String word() {
            return "llseek";
        }
    }

    record ShrinkCount() implements Step {
        @Override
        public String word() {
            return "shrink_count";
        }
    }

    record ShrinkScan(long nrToScan, boolean mayEnterFs) implements Step {
        @Override
        public String word() {
            return "shrink_scan";
        }
    }
}
