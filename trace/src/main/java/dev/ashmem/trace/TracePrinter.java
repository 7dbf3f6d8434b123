package dev.ashmem.trace;

import dev.ashmem.model.Caller;
import dev.ashmem.model.Command;
import dev.ashmem.model.Prot;
import dev.ashmem.model.Whence;
import java.util.List;

/**
 * Writes the trace format; {@link TraceParser} reads back exactly what this writes. The one place the
 * project prints operation sequences, see {@link Traces} for the entry points other modules use.
 */
public final class TracePrinter {
    private TracePrinter() {
    }

    /** A whole trace: magic, header, preamble comments, lines. */
    public static String print(Trace trace) {
        var sb = new StringBuilder();
        for (String c : trace.preamble()) {
            sb.append(comment(c)).append('\n');
        }
        sb.append(header(trace.header()));
        for (var line : trace.lines()) {
            sb.append(line(line, trace.header().caller())).append('\n');
        }
        return sb.toString();
    }

    public static String header(TraceHeader h) {
        var sb = new StringBuilder();
        sb.append(TraceHeader.MAGIC).append(' ').append(TraceHeader.VERSION).append('\n');
        sb.append("page-size ").append(h.pageSize()).append('\n');
        sb.append("results ").append(h.results().word()).append('\n');
        sb.append("names ").append(h.names().word()).append('\n');
        sb.append("caller ").append(caller(h.caller())).append('\n');
        if (h.profile() != null) {
            sb.append("profile ").append(h.profile().word()).append('\n');
        }
        if (!h.covers().isEmpty()) {
            sb.append("covers ").append(String.join(" ", h.covers())).append('\n');
        }
        return sb.toString();
    }

    /** One line with its leading comments, result and trailing comment; {@code defaultCaller} is the header's. */
    public static String line(TraceLine line, Caller defaultCaller) {
        var sb = new StringBuilder();
        for (String c : line.leading()) {
            sb.append(comment(c)).append('\n');
        }
        sb.append(step(line.step()));
        if (line.outcome() != null) {
            sb.append(" -> ").append(outcome(line.outcome(), line.step()));
        }
        if (line.comment() != null) {
            sb.append("  ").append(comment(line.comment()));
        }
        return sb.toString();
    }

    private static String comment(String c) {
        return c.isEmpty() ? "#" : "# " + c;
    }

    /** The operation part of a line (the protocol's request form). */
    public static String step(Step s) {
        return switch (s) {
            case Step.Open o -> "open";
            case Step.Dup o -> "dup " + o.fd();
            case Step.Close o -> "close " + o.fd();
            case Step.Ioctl o -> "ioctl " + o.fd() + " " + command(o.cmd()) + callerSuffix(o.caller());
            case Step.Mmap o -> "mmap " + o.fd() + " " + Numbers.unsigned(o.length()) + " " + prot(o.prot()) + " "
                    + (o.shared() ? "shared" : "private") + " " + Numbers.signed(o.offset()) + callerSuffix(o.caller());
            case Step.Munmap o -> "munmap " + o.map();
            case Step.Mprotect o -> "mprotect " + o.map() + " " + prot(o.prot()) + callerSuffix(o.caller());
            case Step.Load o -> "load " + o.map() + " " + o.offset() + " " + o.length();
            case Step.Store o -> "store " + o.map() + " " + o.offset() + " " + bytes(o.data());
            case Step.Read o -> "read " + o.fd() + " " + o.count();
            case Step.Llseek o -> "llseek " + o.fd() + " " + o.offset() + " " + whence(o.whence());
            case Step.ShrinkCount o -> "shrink_count";
            case Step.ShrinkScan o -> "shrink_scan " + Numbers.unsigned(o.nrToScan()) + (o.mayEnterFs() ? "" : " nofs");
        };
    }

    static String command(Command c) {
        return switch (c) {
            case Command.SetName n -> "SET_NAME " + (n.badPointer() ? TraceParser.BAD_POINTER : ByteText.quote(n.bytes()));
            case Command.GetName n -> "GET_NAME" + (n.badPointer() ? " " + TraceParser.BAD_POINTER : "");
            case Command.SetSize n -> "SET_SIZE " + Numbers.unsigned(n.size());
            case Command.GetSize n -> "GET_SIZE";
            case Command.SetProtMask n -> "SET_PROT_MASK " + ((n.prot() & ~(long) Prot.ALL) == 0 ? prot((int) n.prot()) : Numbers.unsigned(n.prot()));
            case Command.GetProtMask n -> "GET_PROT_MASK";
            case Command.Pin n -> "PIN " + pinArg(n.arg());
            case Command.Unpin n -> "UNPIN " + pinArg(n.arg());
            case Command.GetPinStatus n -> "GET_PIN_STATUS " + pinArg(n.arg());
            case Command.PurgeAllCaches n -> "PURGE_ALL_CACHES";
            case Command.Unknown n -> n.number() == TraceParser.GET_FILE_ID ? "GET_FILE_ID"
                    : (known(n.number()) ? "IOCTL " : "") + "0x" + Long.toHexString(n.number());
        };
    }

    /** A number that a bare command number would be read as a named command. */
    private static boolean known(long number) {
        return TraceParser.knownCommands().stream().anyMatch(k -> k.number() == number);
    }

    private static String pinArg(Command.PinArg a) {
        return a.badPointer() ? TraceParser.BAD_POINTER : a.offset() + " " + a.len();
    }

    /** rwx-style when only rwx bits are set, else the number. */
    public static String prot(int prot) {
        return (prot & ~Prot.ALL) == 0 ? Prot.format(prot) : "0x" + Integer.toHexString(prot);
    }

    static String whence(int w) {
        return Whence.name(w);
    }

    public static String caller(Caller c) {
        if (!c.capSysAdmin() && !c.readImpliesExec()) {
            return "app";
        }
        return c.capSysAdmin() ? (c.readImpliesExec() ? "cap,rie" : "cap") : "rie";
    }

    private static String callerSuffix(Caller c) {
        return c == null ? "" : " [" + caller(c) + "]";
    }

    static String bytes(byte[] data) {
        return ByteText.textual(data) ? ByteText.quote(data) : ByteText.formatHex(data);
    }

    /** A result as the trace writes it; {@code step} decides how values read (unsigned for the shrinker). */
    public static String outcome(Outcome o, Step step) {
        return switch (o) {
            case Outcome.Ret r -> step instanceof Step.ShrinkCount || step instanceof Step.ShrinkScan
                    ? Numbers.unsigned(r.value()) : Numbers.signed(r.value());
            case Outcome.Bound b -> b.name().text();
            case Outcome.Data d -> step instanceof Step.Ioctl || ByteText.printable(d.bytes())
                    ? ByteText.quote(d.bytes()) : ByteText.formatHex(d.bytes());
            case Outcome.Err e -> "-" + e.errno();
            case Outcome.Sig s -> s.signal().name();
        };
    }

    /** Several traces, one after the other (each starts with its magic line). */
    public static String printAll(List<Trace> traces) {
        var sb = new StringBuilder();
        for (int i = 0; i < traces.size(); i++) {
            if (i > 0) {
                sb.append('\n');
            }
            sb.append(print(traces.get(i)));
        }
        return sb.toString();
    }
}
