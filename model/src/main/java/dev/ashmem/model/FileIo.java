package dev.ashmem.model;

/** read() and llseek() of an ashmem handle, which forward to the backing shmem file. */
final class FileIo {
    /** MAX_RW_COUNT: the kernel caps one read at INT_MAX rounded down to a page. */
    static final int MAX_RW_COUNT = Integer.MAX_VALUE & ~4095;

    private FileIo() {
    }

    /** READ-SYSCALL, READ-EOF, READ-NOFILE, READ-DATA. */
    static Result read(ModelState s, Area area, int count) {
        if (count < 0) {
            return s.reject("READ-SYSCALL", Errno.EFAULT); // vfs_read: access_ok fails for a size_t above 2^63
        }
        if (area.position + count < 0) {
            return s.reject("READ-SYSCALL", Errno.EINVAL); // rw_verify_area refuses an end past 2^63 - 1
        }
        if (area.size == 0) {
            s.fire("READ-EOF");
            return new Result.Bytes(new byte[0]);
        }
        if (area.file == null) {
            return s.reject("READ-NOFILE", Errno.EBADF);
        }
        var file = area.file;
        long pos = area.position;
        if (pos >= file.size) {
            s.fire("READ-DATA");
            return new Result.Bytes(new byte[0]);
        }
        int n = (int) Math.min(Math.min(count, MAX_RW_COUNT), file.size - pos);
        var out = new ByteRuns.Builder();
        file.copyOut(pos, n, out); // holes read as zeros and stay holes
        area.position = pos + n; // one position per area
        s.fire("READ-DATA");
        s.fire("SEEK-POS");
        return new Result.Bytes(out.build());
    }

    /** SEEK-NOSIZE, SEEK-NOFILE, SEEK-SET, SEEK-CUR, SEEK-END, SEEK-DATA, SEEK-HOLE, SEEK-WHENCE. */
    static Result llseek(ModelState s, Area area, long offset, int whence) {
        if (Integer.compareUnsigned(whence, Whence.SEEK_HOLE) > 0) {
            return s.reject("SEEK-WHENCE", Errno.EINVAL); // the system call checks it before the driver
        }
        if (area.size == 0) {
            return s.reject("SEEK-NOSIZE", Errno.EINVAL);
        }
        if (area.file == null) {
            return s.reject("SEEK-NOFILE", Errno.EBADF);
        }
        var file = area.file;
        long target;
        switch (whence) {
            case Whence.SEEK_SET -> {
                s.fire("SEEK-SET");
                target = offset;
            }
            case Whence.SEEK_CUR -> {
                s.fire("SEEK-CUR");
                if (offset == 0) {
                    return Result.ok(area.position); // a pure query, no check
                }
                target = area.position + offset;
            }
            case Whence.SEEK_END -> {
                s.fire("SEEK-END");
                target = file.size + offset;
            }
            case Whence.SEEK_DATA, Whence.SEEK_HOLE -> {
                String rule = whence == Whence.SEEK_DATA ? "SEEK-DATA" : "SEEK-HOLE";
                if (offset < 0 || offset >= file.size) {
                    return s.reject(rule, Errno.ENXIO);
                }
                long found = whence == Whence.SEEK_DATA ? seekData(s, file, offset) : seekHole(s, file, offset);
                if (found < 0) {
                    return s.reject(rule, Errno.ENXIO);
                }
                s.fire(rule);
                s.fire("SEEK-POS");
                area.position = found;
                return Result.ok(found);
            }
            default -> throw new AssertionError(whence);
        }
        if (target < 0) {
            return Result.err(Errno.EINVAL); // decided by the whence rule fired above
        }
        s.fire("SEEK-POS");
        area.position = target;
        return Result.ok(target);
    }

    /** SEEK-DATA: the first position at or after offset inside a data page, or -1 for ENXIO. */
    private static long seekData(ModelState s, BackingFile file, long offset) {
        long page = offset / s.pageSize;
        if (file.isData(page)) {
            return offset;
        }
        var next = file.pages.ceilingKey(page);
        if (next == null || next >= file.pageCount()) {
            return -1;
        }
        return next * s.pageSize;
    }

    /** SEEK-HOLE: the first position at or after offset inside a hole, or the file size. */
    private static long seekHole(ModelState s, BackingFile file, long offset) {
        long page = offset / s.pageSize;
        if (!file.isData(page)) {
            return offset;
        }
        while (file.isData(page)) {
            page++;
        }
        return Math.min(page * s.pageSize, file.size);
    }
}
