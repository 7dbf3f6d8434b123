package dev.ashmem.check.explore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.LongBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A file of longs for the spilling explorer: appended through a buffer, read back sequentially from
 * any position or one record at a time. I/O errors are unchecked (a full disk ends the run with its
 * message).
 */
final class LongFile implements AutoCloseable {
    private static final int BUFFER_LONGS = 1 << 14;

    private final Path path;
    private final FileChannel ch;
    private final ByteBuffer out = ByteBuffer.allocateDirect(BUFFER_LONGS * 8).order(ByteOrder.nativeOrder());
    private final LongBuffer outLongs = out.asLongBuffer();
    /** Longs written (buffered ones included). */
    private long length;

    LongFile(Path path) {
        this.path = path;
        try {
            ch = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + path, e);
        }
    }

    long length() {
        return length;
    }

    void append(long v) {
        if (!outLongs.hasRemaining()) {
            flush();
        }
        outLongs.put(v);
        length++;
    }

    void append(long[] a, int from, int n) {
        for (int i = 0; i < n; i++) {
            append(a[from + i]);
        }
    }

    void flush() {
        out.position(0).limit(outLongs.position() * 8);
        try {
            while (out.hasRemaining()) {
                ch.write(out, ch.size());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path, e);
        }
        out.clear();
        outLongs.clear();
    }

    /** Reads {@code n} longs at long offset {@code at} (flushed) into {@code dst}. */
    void read(long at, long[] dst, int from, int n) {
        var buf = ByteBuffer.allocate(n * 8).order(ByteOrder.nativeOrder());
        try {
            long pos = at * 8;
            while (buf.hasRemaining()) {
                if (ch.read(buf, pos + buf.position()) < 0) {
                    throw new IllegalStateException("short read in " + path);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
        buf.flip().asLongBuffer().get(dst, from, n);
    }

    /** A sequential reader of longs [from, to) (flush first). */
    Reader reader(long from, long to) {
        return new Reader(from, to);
    }

    final class Reader {
        private final ByteBuffer in = ByteBuffer.allocateDirect(BUFFER_LONGS * 8).order(ByteOrder.nativeOrder());
        private final LongBuffer inLongs;
        private long next;
        private final long end;

        private Reader(long from, long to) {
            this.next = from;
            this.end = to;
            inLongs = in.asLongBuffer(); // a view of the whole buffer
            inLongs.limit(0);
        }

        boolean hasNext() {
            return next < end || inLongs.hasRemaining();
        }

        long next() {
            if (!inLongs.hasRemaining()) {
                fill();
            }
            return inLongs.get();
        }

        void next(long[] dst, int from, int n) {
            for (int i = 0; i < n; i++) {
                dst[from + i] = next();
            }
        }

        private void fill() {
            int n = (int) Math.min(BUFFER_LONGS, end - next);
            if (n <= 0) {
                throw new IllegalStateException("read past the end of " + path);
            }
            in.clear().limit(n * 8);
            try {
                while (in.hasRemaining()) {
                    if (ch.read(in, next * 8 + in.position()) < 0) {
                        throw new IllegalStateException("short read in " + path);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + path, e);
            }
            next += n;
            inLongs.clear().limit(n);
        }
    }

    /** Closes and deletes the file. */
    @Override
    public void close() {
        try {
            ch.close();
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + path, e);
        }
    }
}
