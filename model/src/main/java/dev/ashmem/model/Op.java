package dev.ashmem.model;

import java.util.Arrays;
import java.util.Objects;

/**
 * One operation of the driver surface as a value: what a trace line, a generated test step or an
 * explored transition holds. {@link #applyTo} runs it on any device; {@code toString()} is the operation
 * as a line of the trace format ({@link TraceText}), handles and mappings named by the model's numbers.
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
            return TraceText.op(this);
        }
    }

    record Dup(int fd) implements Op {
        @Override
        public Result applyTo(AshmemDevice d) {
            return d.dup(fd);
        }

        @Override
        public String toString() {
            return TraceText.op(this);
        }
    }

    record Close(int fd) implements Op {
        @Override
        public Result applyTo(AshmemDevice d) {
            return d.close(fd);
        }

        @Override
        public String toString() {
            return TraceText.op(this);
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
            return TraceText.op(this);
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
            return TraceText.op(this);
        }
    }

    record Munmap(int mapping) implements Op {
        @Override
        public Result applyTo(AshmemDevice d) {
            return d.munmap(mapping);
        }

        @Override
        public String toString() {
            return TraceText.op(this);
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
            return TraceText.op(this);
        }
    }

    record Load(int mapping, long offset, int length) implements Op {
        @Override
        public Result applyTo(AshmemDevice d) {
            return d.load(mapping, offset, length);
        }

        @Override
        public String toString() {
            return TraceText.op(this);
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
            return TraceText.op(this);
        }
    }

    record Read(int fd, int count) implements Op {
        @Override
        public Result applyTo(AshmemDevice d) {
            return d.read(fd, count);
        }

        @Override
        public String toString() {
            return TraceText.op(this);
        }
    }

    record Llseek(int fd, long offset, int whence) implements Op {
        @Override
        public Result applyTo(AshmemDevice d) {
            return d.llseek(fd, offset, whence);
        }

        @Override
        public String toString() {
            return TraceText.op(this);
        }
    }

    record ShrinkCount() implements Op {
        @Override
        public Result applyTo(AshmemDevice d) {
            return Result.ok(d.shrinkCount());
        }

        @Override
        public String toString() {
            return TraceText.op(this);
        }
    }

    record ShrinkScan(long nrToScan, boolean mayEnterFs) implements Op {
        @Override
        public Result applyTo(AshmemDevice d) {
            return Result.ok(d.shrinkScan(nrToScan, mayEnterFs));
        }

        @Override
        public String toString() {
            return TraceText.op(this);
        }
    }
}
