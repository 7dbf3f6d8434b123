package dev.ashmem.impl;

import dev.ashmem.model.ByteRuns;
import dev.ashmem.model.Prot;
import dev.ashmem.model.Result;
import dev.ashmem.model.Unsigned;
import java.util.Objects;

/** Loads and stores through a live mapping, with the faults the hardware would raise; the counterpart of the model's MemoryAccess. */
final class MemoryOps {
    private final DeviceState s;

    MemoryOps(DeviceState s) {
        this.s = s;
    }

    Result load(int mapping, long offset, int length) {
        if (length < 0) {
            throw new IllegalArgumentException("length must be >= 0: " + length);
        }
        s.mmapLock.readLock().lock();
        try {
            var m = s.mappings.get(mapping);
            var fault = check(m, offset, length, Prot.READ);
            if (fault != null) {
                return fault;
            }
            var out = new ByteRuns.Builder();
            if (length > 0) {
                m.window.appendTo(offset, length, out);
                if (m.fileBacked) {
                    touched(m, offset, length); // MEM-SHARED: a read fault allocates
                }
            }
            return new Result.Bytes(out.build());
        } finally {
            s.mmapLock.readLock().unlock();
        }
    }

    Result store(int mapping, long offset, byte[] data) {
        Objects.requireNonNull(data, "data");
        s.mmapLock.readLock().lock();
        try {
            var m = s.mappings.get(mapping);
            var fault = check(m, offset, data.length, Prot.WRITE);
            if (fault != null) {
                return fault;
            }
            if (data.length > 0) {
                m.window.copyIn(data, 0, offset, data.length); // MEM-SHARED / MEM-PRIVATE
                if (m.fileBacked) {
                    touched(m, offset, data.length);
                }
            }
            return Result.ZERO;
        } finally {
            s.mmapLock.readLock().unlock();
        }
    }

    private void touched(LiveMapping m, long offset, int length) {
        long first = m.pgoff + offset / s.pageSize;
        long last = m.pgoff + (offset + length - 1) / s.pageSize;
        m.file.touched(first, last);
    }

    /** MEM-BOUNDS, MEM-RIGHTS, MEM-EOF, decided before any byte is touched. */
    private Result check(LiveMapping m, long offset, int length, int right) {
        if (m == null || offset < 0 || offset > m.length || m.length - offset < length) {
            return new Result.Fault(Result.Signal.SIGSEGV); // MEM-BOUNDS (also an unmapped id)
        }
        if (length == 0) {
            return null; // MEM-BOUNDS: touches no page, so nothing else is checked
        }
        if (right == Prot.READ ? !s.platform.readable(m.prot) : (m.prot & right) == 0) {
            return new Result.Fault(Result.Signal.SIGSEGV); // MEM-RIGHTS, with CTX-PLATFORM's implied read
        }
        if (m.fileBacked) {
            long firstFilePage = m.pgoff + offset / s.pageSize;
            long lastFilePage = m.pgoff + (offset + length - 1) / s.pageSize;
            if (Unsigned.ge(lastFilePage, m.file.pageCount()) || Unsigned.lt(lastFilePage, firstFilePage)) {
                return new Result.Fault(Result.Signal.SIGBUS); // MEM-EOF
            }
            if (offset + length > m.window.backedLength()) {
                return new Result.Fault(Result.Signal.SIGBUS); // the unmappable last OS page before 2^63 (see MappedWindow)
            }
        }
        return null;
    }
}
