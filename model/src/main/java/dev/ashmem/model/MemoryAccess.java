package dev.ashmem.model;

/** Loads and stores through a mapping, with the faults the hardware would raise. */
final class MemoryAccess {
    private MemoryAccess() {
    }

    static Result load(ModelState s, int id, long offset, int length) {
        if (length < 0) {
            throw new IllegalArgumentException("length must be >= 0: " + length);
        }
        var m = s.mappings.get(id);
        var fault = check(s, m, offset, length, Prot.READ);
        if (fault != null) {
            return fault;
        }
        if (length > 0) {
            s.fire(m.shared ? "MEM-SHARED" : "MEM-PRIVATE");
        }
        // Run-length encoded: memory follows the bytes written, not the length asked for.
        var out = new ByteRuns.Builder();
        int P = s.pageSize;
        for (int i = 0; i < length; ) {
            long at = offset + i;
            long mapPage = at / P;
            int inPage = (int) (at % P);
            int n = Math.min(P - inPage, length - i);
            byte[] page;
            if (m.shared) {
                page = m.file.touch(m.pgoff + mapPage); // MEM-SHARED: a read fault allocates
            } else {
                page = m.privatePages.get(mapPage); // MEM-PRIVATE
            }
            BackingFile.appendPage(out, page, inPage, n);
            i += n;
        }
        return new Result.Bytes(out.build());
    }

    static Result store(ModelState s, int id, long offset, byte[] data) {
        var m = s.mappings.get(id);
        var fault = check(s, m, offset, data.length, Prot.WRITE);
        if (fault != null) {
            return fault;
        }
        if (data.length > 0) {
            s.fire(m.shared ? "MEM-SHARED" : "MEM-PRIVATE");
        }
        int P = s.pageSize;
        for (int i = 0; i < data.length; ) {
            long at = offset + i;
            long mapPage = at / P;
            int inPage = (int) (at % P);
            int n = Math.min(P - inPage, data.length - i);
            byte[] page = m.shared
                    ? m.file.writable(m.pgoff + mapPage) // MEM-SHARED
                    : m.privatePages.computeIfAbsent(mapPage, p -> new byte[P]); // MEM-PRIVATE
            System.arraycopy(data, i, page, inPage, n);
            i += n;
        }
        return Result.ZERO;
    }

    /** MEM-BOUNDS, MEM-RIGHTS, MEM-EOF, all decided before any byte is touched. */
    private static Result check(ModelState s, Mapping m, long offset, int length, int right) {
        if (m == null) {
            s.fire("MMAP-ID"); // no such mapping: the address is not mapped
            return new Result.Fault(Result.Signal.SIGSEGV);
        }
        if (offset < 0 || offset > m.length || m.length - offset < length) {
            s.fire("MEM-BOUNDS");
            return new Result.Fault(Result.Signal.SIGSEGV);
        }
        if (length == 0) {
            s.fire("MEM-BOUNDS"); // touches no page, so nothing else is checked
            return null;
        }
        boolean allowed = right == Prot.READ ? s.platform.readable(m.prot) : (m.prot & right) != 0;
        if (right == Prot.READ && (m.prot & Prot.READ) == 0 && allowed) {
            s.fire("CTX-PLATFORM"); // the protection_map has no write-only (or execute-only) page
            s.fire("MEM-RIGHTS");
        }
        if (!allowed) {
            s.fire("MEM-RIGHTS");
            return new Result.Fault(Result.Signal.SIGSEGV);
        }
        if (m.shared) {
            long firstFilePage = m.pgoff + offset / s.pageSize;
            long lastFilePage = m.pgoff + (offset + length - 1) / s.pageSize;
            if (Unsigned.ge(lastFilePage, m.file.pageCount()) || Unsigned.lt(lastFilePage, firstFilePage)) {
                s.fire("MEM-EOF");
                return new Result.Fault(Result.Signal.SIGBUS);
            }
        }
        return null;
    }
}
