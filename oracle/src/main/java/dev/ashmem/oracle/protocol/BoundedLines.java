package dev.ashmem.oracle.protocol;

import java.io.IOException;
import java.io.Reader;

/**
 * Lines of a reader (ended by LF, CRLF or CR) of at most {@code max} characters each: a longer line is
 * read to its end and dropped, so a client cannot make the server hold an unbounded line. Reads in
 * chunks, so a 100 MB line costs a fraction of a second.
 */
final class BoundedLines {
    /** What {@link #next()} returns for a line longer than the limit. */
    sealed interface Line permits Text, TooLong {
    }

    record Text(String text) implements Line {
    }

    record TooLong(long length) implements Line {
    }

    private final Reader in;
    private final int max;
    private final char[] buf = new char[1 << 16];
    private int pos;
    private int end;
    /** The last line ended in CR: an LF right after it belongs to it. */
    private boolean afterCr;

    BoundedLines(Reader in, int max) {
        this.in = in;
        this.max = max;
    }

    /** The next line, or null at the end of input. */
    Line next() throws IOException {
        var sb = new StringBuilder();
        long length = 0;
        boolean any = false;
        while (true) {
            if (pos == end) {
                end = in.read(buf, 0, buf.length);
                pos = 0;
                if (end <= 0) {
                    end = 0;
                    return any ? line(sb, length) : null;
                }
            }
            if (afterCr) {
                afterCr = false;
                if (buf[pos] == '\n') {
                    pos++;
                    continue;
                }
            }
            any = true;
            int start = pos;
            while (pos < end && buf[pos] != '\n' && buf[pos] != '\r') {
                pos++;
            }
            int n = pos - start;
            if (length + n <= max) {
                sb.append(buf, start, n);
            }
            length += n;
            if (pos < end) {
                afterCr = buf[pos] == '\r';
                pos++;
                return line(sb, length);
            }
        }
    }

    private Line line(StringBuilder sb, long length) {
        return length > max ? new TooLong(length) : new Text(sb.toString());
    }
}
