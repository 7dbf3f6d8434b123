package dev.ashmem.model;

/**
 * How values, ioctl commands and operations read in the trace format (spec/trace-format.md), for
 * {@link Op#toString()}, {@link Command#toString()} and the trace printer alike: any message that
 * prints an operation prints a line {@code ashmem replay} can run (with {@code names exact}: handles and
 * mappings by the model's numbers). The words themselves are {@link OpWord} and {@link CommandWord}.
 */
public final class TraceText {
    /** The prefix of hex byte strings: {@code hex:00{4096}}. */
    public static final String HEX_PREFIX = "hex:";
    /** An argument behind a pointer the kernel cannot read or write (EFAULT). */
    public static final String BAD_POINTER = "badptr";
    /** The longest text a printed value may have: a Java string's limit, with room to spare. */
    public static final int MAX_TEXT = Integer.MAX_VALUE - 1024;
    /** Longer byte strings never read best quoted. */
    private static final int TEXT_MAX = 300;

    private TraceText() {
    }

    /** A model operation as a trace step (without result); handles and mappings by number. */
    public static String op(Op op) {
        return switch (op) {
            case Op.Open o -> OpWord.OPEN.word();
            case Op.Dup o -> OpWord.DUP.word() + " " + o.fd();
            case Op.Close o -> OpWord.CLOSE.word() + " " + o.fd();
            case Op.Ioctl o -> OpWord.IOCTL.word() + " " + o.fd() + " " + command(o.cmd()) + callerSuffix(explicit(o.caller()));
            case Op.Mmap o -> OpWord.MMAP.word() + " " + o.fd() + " " + unsigned(o.length()) + " " + prot(o.prot()) + " "
                    + kind(o.shared()) + " " + signed(o.offset()) + callerSuffix(explicit(o.caller()));
            case Op.Munmap o -> OpWord.MUNMAP.word() + " " + o.mapping();
            case Op.Mprotect o -> OpWord.MPROTECT.word() + " " + o.mapping() + " " + prot(o.prot()) + callerSuffix(explicit(o.caller()));
            case Op.Load o -> OpWord.LOAD.word() + " " + o.mapping() + " " + signed(o.offset()) + " " + o.length();
            case Op.Store o -> OpWord.STORE.word() + " " + o.mapping() + " " + signed(o.offset()) + " " + bytes(o.data());
            case Op.Read o -> OpWord.READ.word() + " " + o.fd() + " " + o.count();
            case Op.Llseek o -> OpWord.LLSEEK.word() + " " + o.fd() + " " + signed(o.offset()) + " " + whence(o.whence());
            case Op.ShrinkCount o -> OpWord.SHRINK_COUNT.word();
            case Op.ShrinkScan o -> OpWord.SHRINK_SCAN.word() + " " + unsigned(o.nrToScan()) + (o.mayEnterFs() ? "" : " nofs");
        };
    }

    /** An ioctl command with its argument: {@code SET_SIZE 16384}, {@code PIN 0 4096}, {@code GET_NAME badptr}. */
    public static String command(Command c) {
        String w = c.word().name();
        return switch (c) {
            case Command.SetName n -> w + " " + (n.badPointer() ? BAD_POINTER : quote(n.bytes()));
            case Command.GetName n -> w + (n.badPointer() ? " " + BAD_POINTER : "");
            case Command.SetSize n -> w + " " + unsigned(n.size());
            case Command.SetProtMask n -> w + " " + ((n.prot() & ~(long) Prot.ALL) == 0 ? prot((int) n.prot()) : unsigned(n.prot()));
            case Command.Pin n -> w + " " + pinArg(n.arg());
            case Command.Unpin n -> w + " " + pinArg(n.arg());
            case Command.GetPinStatus n -> w + " " + pinArg(n.arg());
            case Command.GetSize n -> w;
            case Command.GetProtMask n -> w;
            case Command.PurgeAllCaches n -> w;
            // A bare number that is a mainline command's would read as that command: the raw form keeps it unknown.
            case Command.Unknown n -> n.word() == CommandWord.GET_FILE_ID ? w
                    : (CommandWord.ofNumber(n.number()).isPresent() ? w + " " : "") + "0x" + Long.toHexString(n.number());
        };
    }

    static String pinArg(Command.PinArg a) {
        return a.badPointer() ? BAD_POINTER : a.offset() + " " + a.len();
    }

    /** Unsigned 64-bit text: decimal up to 2^32, hex beyond, where powers of two read better. */
    public static String unsigned(long v) {
        return Long.compareUnsigned(v, 1L << 32) <= 0 ? Long.toUnsignedString(v) : "0x" + Long.toHexString(v);
    }

    /** Signed 64-bit text in decimal. */
    public static String signed(long v) {
        return Long.toString(v);
    }

    /** rwx-style when only rwx bits are set, else the number. */
    public static String prot(int prot) {
        return (prot & ~Prot.ALL) == 0 ? Prot.format(prot) : "0x" + Integer.toHexString(prot);
    }

    public static String kind(boolean shared) {
        return shared ? "shared" : "private";
    }

    public static String whence(int w) {
        return Whence.name(w);
    }

    /** app, cap, rie or cap,rie (CAP_SYS_ADMIN and READ_IMPLIES_EXEC). */
    public static String caller(Caller c) {
        if (!c.capSysAdmin() && !c.readImpliesExec()) {
            return "app";
        }
        return c.capSysAdmin() ? (c.readImpliesExec() ? "cap,rie" : "cap") : "rie";
    }

    /** {@code " [cap]"} for a per-line caller; nothing for none (null: the header's). */
    public static String callerSuffix(Caller c) {
        return c == null ? "" : " [" + caller(c) + "]";
    }

    /** An operation's caller as a line writes it: an ordinary app is the default and not written. */
    static Caller explicit(Caller c) {
        return c.equals(Caller.APP) ? null : c;
    }

    /** Bytes as an argument: quoted when textual, else hex. */
    public static String bytes(byte[] data) {
        return textual(data) ? quote(data) : hex(data);
    }

    /** {@code hex:} with runs of 8 or more equal bytes compressed: {@code hex:00{4096}}. */
    public static String hex(byte[] data) {
        return hex(ByteRuns.of(data));
    }

    /**
     * {@code hex:} of a run-length string, each run of {@link ByteRuns#RUN} or more as {@code XX{N}}: a
     * 2 GiB load of untouched memory prints as {@code hex:00{2147483647}}. A string whose text would
     * not fit a Java string (over 1 GiB of literal bytes) throws IllegalArgumentException, which
     * callers report as an error rather than dying.
     */
    public static String hex(ByteRuns data) {
        long chars = HEX_PREFIX.length();
        for (var p : data.pieces()) {
            chars += p instanceof ByteRuns.Literal l ? 2L * l.length() : 4 + Integer.toString(p.length()).length();
        }
        if (chars > MAX_TEXT) {
            throw new IllegalArgumentException("a result of " + data.length() + " bytes with " + data.literalBytes()
                    + " bytes not in runs prints as " + chars + " characters, more than the " + MAX_TEXT + " a line can hold");
        }
        var sb = new StringBuilder((int) chars).append(HEX_PREFIX);
        for (var p : data.pieces()) {
            switch (p) {
                case ByteRuns.Literal l -> {
                    for (byte b : l.bytes()) {
                        appendByte(sb, b);
                    }
                }
                case ByteRuns.Repeat r -> appendByte(sb, r.value()).append('{').append(r.count()).append('}');
            }
        }
        return sb.toString();
    }

    private static StringBuilder appendByte(StringBuilder sb, byte b) {
        return sb.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
    }

    /** A C-style quoted string: printable ASCII as is, {@code \0 \n \t \\ \"} and {@code \xHH} for the rest. */
    public static String quote(byte[] data) {
        var sb = new StringBuilder("\"");
        for (byte b : data) {
            int c = b & 0xff;
            switch (c) {
                case 0 -> sb.append("\\0");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (c >= 0x20 && c < 0x7f) {
                        sb.append((char) c);
                    } else {
                        sb.append(String.format("\\x%02x", c));
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    /** Printable ASCII only (no NUL), and short: text that reads best quoted. */
    public static boolean printable(byte[] data) {
        if (data.length == 0 || data.length > TEXT_MAX) {
            return false;
        }
        for (byte b : data) {
            if (b < 0x20 || b >= 0x7f) {
                return false;
            }
        }
        return true;
    }

    /** {@link #printable(byte[])} of a run-length string, without expanding a long one. */
    public static boolean printable(ByteRuns data) {
        return data.length() <= TEXT_MAX && printable(data.toArray());
    }

    /** {@link #textual(byte[])} of a run-length string, without expanding a long one. */
    public static boolean textual(ByteRuns data) {
        return data.length() <= TEXT_MAX && textual(data.toArray());
    }

    /** True when {@link #quote} reads better than hex: printable text, NULs allowed. */
    public static boolean textual(byte[] data) {
        int printable = 0;
        for (byte b : data) {
            if ((b >= 0x20 && b < 0x7f) || b == 0) {
                printable++;
            }
        }
        return data.length > 0 && data.length <= TEXT_MAX && printable == data.length;
    }
}
