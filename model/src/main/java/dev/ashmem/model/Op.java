package dev.ashmem.model;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One operation of the driver surface as a value: what a trace line, a generated test step or an
 * explored transition holds. {@link #applyTo} runs it on any device.
 */
public sealed interface Op {

    Result applyTo(AshmemDevice device);

    record Open() implements Op {
        @Override
        public Result applyTo(AshmemDevice d) {
            return d.open();
        }

        @Override
        public String toString() {
            return "open";
        }
    }

    record Dup(int fd) implements Op {
        @Override
        public Result applyTo(AshmemDevice d) {
            return d.dup(fd);
        }

        @Override
        public String toString() {
            return "dup " + fd;
        }
    }

    record Close(int fd) implements Op {
        @Override
        public Result applyTo(AshmemDevice d) {
            return d.close(fd);
        }

        @Override
        public String toString() {
            return "close " + fd;
        }
    }

    record Ioctl(int fd, Command cmd, Caller caller) implements Op {
        public Ioctl {
            Objects.requireNonNull(cmd, "cmd");
            Objects.requireNonNull(caller, "caller");
        }

        @Override
        public Result applyTo(AshmemDevice d) {
            return d.ioctl(fd, cmd, caller);
        }

        @Override
        public String toString() {
            return "ioctl " + fd + " " + cmd + (caller.equals(Caller.APP) ? "" : " [" + caller + "]");
        }
    }

    record Mmap(int fd, long length, int prot, boolean shared, long offset, Caller caller) implements Op {
        public Mmap {
            Objects.requireNonNull(caller, "caller");
        }

        @Override
        public Result applyTo(AshmemDevice d) {
            return d.mmap(fd, length, prot, shared, offset, caller);
        }

        @Override
        public String toString() {
            return "mmap " + fd + " len=" + Long.toUnsignedString(length) + " prot=" + Prot.format(prot)
                    + (shared ? " shared" : " private") + " off=" + offset + (caller.equals(Caller.APP) ? "" : " [" + caller + "]");
        }
    }

    record Munmap(int mapping) implements Op {
        @Override
        public Result applyTo(AshmemDevice d) {
            return d.munmap(mapping);
        }

        @Override
        public String toString() {
            return "munmap m" + mapping;
        }
    }

    record Mprotect(int mapping, int prot, Caller caller) implements Op {
        public Mprotect {
            Objects.requireNonNull(caller, "caller");
        }

        @Override
        public Result applyTo(AshmemDevice d) {
            return d.mprotect(mapping, prot, caller);
        }

        @Override
        public String toString() {
            return "mprotect m" + mapping + " " + Prot.format(prot) + (caller.equals(Caller.APP) ? "" : " [" + caller + "]");
        }
    }

    record Load(int mapping, long offset, int length) implements Op {
        @Override
        public Result applyTo(AshmemDevice d) {
            return d.load(mapping, offset, length);
        }

        @Override
        public String toString() {
            return "load m" + mapping + " off=" + offset + " len=" + length;
        }
    }

    record Store(int mapping, long offset, byte[] data) implements Op {
        public Store {
            data = Objects.requireNonNull(data, "data").clone();
        }

        @Override
        public byte[] data() {
            return data.clone();
        }

        @Override
        public Result applyTo(AshmemDevice d) {
            return d.store(mapping, offset, data);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Store s && s.mapping == mapping && s.offset == offset && Arrays.equals(s.data, data);
        }

        @Override
        public int hashCode() {
            return Objects.hash(mapping, offset, Arrays.hashCode(data));
        }

        @Override
        public String toString() {
            return "store m" + mapping + " off=" + offset + " " + bytesText(data);
        }

        /** Short text for bytes: one repeated byte as {@code 0x01*4096}, else hex, cut after 32 bytes. */
        static String bytesText(byte[] data) {
            boolean uniform = data.length > 1;
            for (byte b : data) {
                uniform &= b == data[0];
            }
            if (uniform) {
                return String.format("0x%02x*%d", data[0] & 0xff, data.length);
            }
            return HexFormat.of().formatHex(data, 0, Math.min(32, data.length))
                    + (data.length > 32 ? "...(" + data.length + " bytes)" : "");
        }
    }

    record Read(int fd, int count) implements Op {
        @Override
        public Result applyTo(AshmemDevice d) {
            return d.read(fd, count);
        }

        @Override
        public String toString() {
            return "read " + fd + " " + count;
        }
    }

    record Llseek(int fd, long offset, int whence) implements Op {
        @Override
        public Result applyTo(AshmemDevice d) {
            return d.llseek(fd, offset, whence);
        }

        @Override
        public String toString() {
            return "llseek " + fd + " " + offset + " " + Whence.name(whence);
        }
    }

    record ShrinkCount() implements Op {
        @Override
        public Result applyTo(AshmemDevice d) {
            return Result.ok(d.shrinkCount());
        }

        @Override
        public String toString() {
            return "shrink_count";
        }
    }

    record ShrinkScan(long nrToScan, boolean mayEnterFs) implements Op {
        @Override
        public Result applyTo(AshmemDevice d) {
            return Result.ok(d.shrinkScan(nrToScan, mayEnterFs));
        }

        @Override
        public String toString() {
            return "shrink_scan " + Long.toUnsignedString(nrToScan) + (mayEnterFs ? "" : " nofs");
        }
    }
}
