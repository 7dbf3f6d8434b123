package dev.ashmem.trace;

import dev.ashmem.model.ByteRuns;
import dev.ashmem.model.Caller;
import dev.ashmem.model.Command;
import dev.ashmem.model.CommandWord;
import dev.ashmem.model.Errno;
import dev.ashmem.model.OpWord;
import dev.ashmem.model.Platform;
import dev.ashmem.model.Prot;
import dev.ashmem.model.Result;
import dev.ashmem.model.TraceText;
import dev.ashmem.model.Whence;
import dev.ashmem.trace.Profile;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Reads the trace format of spec/trace-format.md. Every error names the source, the line and what was
 * wrong ({@link TraceSyntaxException}); unknown operations are named.
 */
public final class TraceParser {
    /** The operation words, for messages (the words are the model's {@link OpWord}). */
    public static final List<String> OPERATIONS = Arrays.stream(OpWord.values()).map(OpWord::word).toList();
    /** The ioctl command words (the model's {@link CommandWord}). */
    public static final List<String> COMMANDS = Arrays.stream(CommandWord.values()).map(CommandWord::name).toList();
    static final List<String> HEADER_KEYS = List.of("page-size", "results", "names", "caller", "platform", "profile", "covers");
    private static final String BAD_POINTER = TraceText.BAD_POINTER;

    private TraceParser() {
    }

    /** A step, its optional recorded result, from one line (the protocol's request form). */
    public record Parsed(Step step, Outcome outcome, String comment) {
    }

    /**
     * The longest line the parser takes, in characters (128 Mi): room for a 100 MB line; longer lines are an
     * error at their line. A store of {@link ByteText#MAX_ARGUMENT} bytes in plain hex alone takes all of it,
     * so the largest are written with runs ({@code hex:00{67108864}}).
     */
    public static final int MAX_LINE = 1 << 27;
    /**
     * The most bytes of SET_NAME and store arguments one input may hold (each may be {@link ByteText#MAX_ARGUMENT}):
     * a few kilobytes of {@code hex:41{67108864}} lines would otherwise fill any heap.
     */
    public static final long MAX_HELD_BYTES = 1L << 28;
    /** The byte order mark some editors and C programs put first; it is skipped. */
    static final char BOM = '\uFEFF';

    /**
     * All traces in a file's bytes: UTF-8 (strictly: an invalid sequence is an error at its line and
     * column), an optional byte order mark, LF or CRLF line ends.
     */
    public static List<Trace> parseAll(String source, byte[] bytes) {
        return parseAll(source, Utf8.decode(source, bytes));
    }

    /** All traces in a text: each {@code ashmem-trace 1} line starts a new one. */
    public static List<Trace> parseAll(String source, String text) {
        var traces = new ArrayList<Trace>();
        if (!text.isEmpty() && text.charAt(0) == BOM) {
            text = text.substring(1);
        }
        var lines = text.split("\r?\n", -1);
        Builder current = null;
        var pendingComments = new ArrayList<String>();
        long held = 0;
        for (int i = 0; i < lines.length; i++) {
            int number = i + 1;
            String raw = lines[i];
            if (raw.length() > MAX_LINE) {
                throw new TraceSyntaxException(source, number, MAX_LINE + 1, "line of " + raw.length()
                        + " characters, longer than the " + MAX_LINE + " a trace line may have");
            }
            Tokenizer.Line tl;
            try {
                tl = Tokenizer.split(raw);
            } catch (TraceSyntaxException e) {
                throw e.at(source, number);
            }
            var tokens = tl.tokens();
            if (tokens.isEmpty()) {
                if (tl.comment() != null) {
                    pendingComments.add(tl.comment());
                }
                continue;
            }
            String first = tokens.getFirst().text();
            if (first.equals(TraceHeader.MAGIC)) {
                if (current != null) {
                    traces.add(current.build());
                }
                if (tokens.size() != 2 || !tokens.get(1).text().equals(Integer.toString(TraceHeader.VERSION))) {
                    throw new TraceSyntaxException(source, number, tokens.getFirst().column(),
                            "expected '" + TraceHeader.MAGIC + " " + TraceHeader.VERSION + "' (this reader knows version "
                                    + TraceHeader.VERSION + ")");
                }
                current = new Builder(source);
                current.preamble.addAll(pendingComments);
                pendingComments.clear();
                continue;
            }
            if (current == null) {
                current = new Builder(source);
            }
            if (HEADER_KEYS.contains(first)) {
                if (!current.lines.isEmpty()) {
                    throw new TraceSyntaxException(source, number, 1, "header line '" + first
                            + "' after the first operation (a new trace starts with '" + TraceHeader.MAGIC + " 1')");
                }
                try {
                    current.header(tokens);
                } catch (TraceSyntaxException e) {
                    throw e.at(source, number);
                } catch (IllegalArgumentException e) {
                    throw new TraceSyntaxException(source, number, 1, e.getMessage());
                }
                current.preamble.addAll(pendingComments);
                pendingComments.clear();
                continue;
            }
            Parsed p;
            try {
                p = parseTokens(tokens);
            } catch (TraceSyntaxException e) {
                throw e.at(source, number);
            }
            // The arguments held as plain bytes (results are runs): SET_NAME's and store data.
            long bytes = switch (p.step()) {
                case Step.Ioctl io when io.cmd() instanceof Command.SetName name -> name.bytes().length;
                case Step.Store st -> st.data().length;
                default -> 0;
            };
            if (bytes > 0) {
                held += bytes;
                if (held > MAX_HELD_BYTES) {
                    throw new TraceSyntaxException(source, number, 1, "the SET_NAME and store arguments up to here add up to more than "
                            + (MAX_HELD_BYTES >> 20) + " MiB, more than one input may hold (split it)");
                }
            }
            if (current.lines.isEmpty()) {
                current.preamble.addAll(pendingComments);
                pendingComments.clear();
            }
            current.lines.add(new TraceLine(number, p.step(), p.outcome(), tl.comment(), pendingComments));
            pendingComments.clear();
        }
        if (current != null) {
            traces.add(current.build());
        }
        return traces;
    }

    /** Exactly one trace (an empty text is a trace with no lines). */
    public static Trace parse(String source, String text) {
        var all = parseAll(source, text);
        if (all.size() > 1) {
            throw new TraceSyntaxException(source, all.get(1).lines().isEmpty() ? 1 : all.get(1).lines().getFirst().number(), 1,
                    "expected one trace, found " + all.size() + " (each '" + TraceHeader.MAGIC + " 1' line starts one)");
        }
        return all.isEmpty() ? new Trace(source, TraceHeader.defaults(), List.of()) : all.getFirst();
    }

    /** One operation line, with or without {@code -> result}; header and magic lines are not allowed. */
    public static Parsed parseLine(String line) {
        if (line.length() > MAX_LINE) {
            throw new TraceSyntaxException(MAX_LINE + 1, "line of " + line.length() + " characters, longer than the "
                    + MAX_LINE + " a line may have");
        }
        if (!line.isEmpty() && line.charAt(0) == BOM) {
            line = line.substring(1);
        }
        var tl = Tokenizer.split(line);
        if (tl.tokens().isEmpty()) {
            throw new TraceSyntaxException(1, "empty line: expected an operation (" + String.join(", ", OPERATIONS) + ")");
        }
        var p = parseTokens(tl.tokens());
        return new Parsed(p.step(), p.outcome(), tl.comment());
    }

    /** A result in the trace vocabulary, as the outcome of {@code step} (the protocol's reply form). */
    public static Outcome parseOutcome(Step step, String text) {
        var tl = Tokenizer.split(text);
        if (tl.tokens().size() != 1) {
            throw new TraceSyntaxException(1, tl.tokens().isEmpty()
                    ? "empty result: expected a number, -ERRNO, SIGSEGV/SIGBUS, hex:bytes or a quoted string"
                    : "expected one result token, found " + tl.tokens().size() + ": " + text.strip());
        }
        return outcome(step, tl.tokens().getFirst());
    }

    private static final class Builder {
        final String source;
        TraceHeader header = TraceHeader.defaults();
        final List<String> preamble = new ArrayList<>();
        final List<TraceLine> lines = new ArrayList<>();
        final List<String> covers = new ArrayList<>();

        Builder(String source) {
            this.source = source;
        }

        void header(List<Tokenizer.Token> t) {
            String key = t.getFirst().text();
            if (key.equals("covers")) {
                for (var tok : t.subList(1, t.size())) {
                    covers.add(tok.text());
                }
                return;
            }
            if (t.size() != 2) {
                throw new TraceSyntaxException(t.getFirst().column(), "header '" + key + "' takes one value");
            }
            var v = t.get(1);
            header = switch (key) {
                case "page-size" -> header.withPageSize(number(v, "page size", Numbers::parseCount));
                case "results" -> header.withResults(switch (v.text()) {
                    case "kernel" -> ResultsMode.KERNEL;
                    case "user" -> ResultsMode.USER;
                    default -> throw new TraceSyntaxException(v.column(), "results must be kernel or user: " + v.text());
                });
                case "names" -> header.withNames(switch (v.text()) {
                    case "mapped" -> NameMode.MAPPED;
                    case "exact" -> NameMode.EXACT;
                    default -> throw new TraceSyntaxException(v.column(), "names must be mapped or exact: " + v.text());
                });
                case "caller" -> header.withCaller(caller(v.text(), v.column()));
                case "platform" -> header.withPlatform(platform(v));
                case "profile" -> header.withProfile(Profile.parse(v.text()));
                default -> throw new IllegalStateException(key);
            };
        }

        Trace build() {
            return new Trace(source, header.withCovers(covers), preamble, lines);
        }
    }

    private static Parsed parseTokens(List<Tokenizer.Token> all) {
        var tokens = new ArrayList<>(all);
        Outcome outcome = null;
        Tokenizer.Token outcomeToken = null;
        int arrow = -1;
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.get(i).text().equals("->") && !tokens.get(i).quoted()) {
                arrow = i;
                break;
            }
        }
        if (arrow >= 0) {
            if (arrow != tokens.size() - 2) {
                throw new TraceSyntaxException(tokens.get(arrow).column(), arrow == tokens.size() - 1
                        ? "'->' must be followed by the result" : "one result token after '->', found " + (tokens.size() - arrow - 1));
            }
            outcomeToken = tokens.getLast();
            tokens = new ArrayList<>(tokens.subList(0, arrow));
        }
        Caller caller = null;
        if (!tokens.isEmpty() && tokens.getLast().text().startsWith("[") && !tokens.getLast().quoted()) {
            var c = tokens.removeLast();
            if (!c.text().endsWith("]")) {
                throw new TraceSyntaxException(c.column(), "a caller is written without blanks, like [cap,rie]: " + c.text());
            }
            caller = caller(c.text().substring(1, c.text().length() - 1), c.column());
        }
        if (tokens.isEmpty()) {
            throw new TraceSyntaxException(1, "missing operation before '->'");
        }
        var step = step(tokens, caller);
        if (outcomeToken != null) {
            outcome = outcome(step, outcomeToken);
        }
        return new Parsed(step, outcome, null);
    }

    private static Step step(List<Tokenizer.Token> t, Caller caller) {
        var op = t.getFirst();
        var word = OpWord.parse(op.text()).orElseThrow(() -> new TraceSyntaxException(op.column(), "unknown operation '"
                + op.text() + "' (expected one of " + String.join(", ", OPERATIONS) + ")"));
        var args = new Args(t);
        if (caller != null && !word.takesCaller()) {
            throw new TraceSyntaxException(op.column(), word.word() + " takes no caller (only ioctl, mmap and mprotect do)");
        }
        Step s = switch (word) {
            case OPEN -> new Step.Open();
            case DUP -> new Step.Dup(args.name("fd"));
            case CLOSE -> new Step.Close(args.name("fd"));
            case IOCTL -> ioctl(args, caller);
            case MMAP -> new Step.Mmap(args.name("fd"), args.number("length"), args.prot("prot"), args.kind(),
                    args.number("offset"), caller);
            case MUNMAP -> new Step.Munmap(args.name("mapping"));
            case MPROTECT -> new Step.Mprotect(args.name("mapping"), args.prot("prot"), caller);
            case LOAD -> new Step.Load(args.name("mapping"), args.number("offset"), args.count("length"));
            case STORE -> new Step.Store(args.name("mapping"), args.number("offset"), args.bytes("data"));
            case READ -> new Step.Read(args.name("fd"), args.signedInt("count"));
            case LLSEEK -> new Step.Llseek(args.name("fd"), args.number("offset"), args.whence());
            case SHRINK_COUNT -> new Step.ShrinkCount();
            case SHRINK_SCAN -> new Step.ShrinkScan(args.number("nr_to_scan"), !args.optionalWord("nofs"));
            case SHRINK_MARK -> new Step.ShrinkMark(args.count("shrinker thread"));
            case SHRINK_PUNCH -> new Step.ShrinkPunch(args.count("shrinker thread"));
            case SHRINK_RELEASE -> new Step.ShrinkRelease(args.count("shrinker thread"));
        };
        args.end();
        return s;
    }

    private static Step ioctl(Args args, Caller caller) {
        var fd = args.name("fd");
        var c = args.next("command");
        String text = c.text().toUpperCase(Locale.ROOT);
        args.context = "ioctl " + text;
        var word = CommandWord.parse(text);
        if (word.isEmpty()) {
            long n;
            try {
                n = Numbers.parse(c.text());
            } catch (NumberFormatException e) {
                throw new TraceSyntaxException(c.column(), "unknown ioctl command '" + c.text() + "' (expected one of "
                        + String.join(", ", COMMANDS) + ", or a command number)");
            }
            var known = CommandWord.ofNumber(n);
            if (known.isPresent()) {
                throw new TraceSyntaxException(c.column(), c.text() + " is " + known.get().name() + ": write its name");
            }
            return new Step.Ioctl(fd, new Command.Unknown(n), caller);
        }
        Command cmd = switch (word.get()) {
            case SET_NAME -> {
                var v = args.next("name");
                if (!v.quoted() && v.text().equals(BAD_POINTER)) {
                    yield Command.SetName.unreadable();
                }
                yield new Command.SetName(bytesOf(v), false);
            }
            case GET_NAME -> new Command.GetName(args.optionalWord(BAD_POINTER));
            case SET_SIZE -> new Command.SetSize(args.number("size"));
            case GET_SIZE -> new Command.GetSize();
            case SET_PROT_MASK -> new Command.SetProtMask(args.protMask("prot"));
            case GET_PROT_MASK -> new Command.GetProtMask();
            case PIN -> new Command.Pin(args.pinArg());
            case UNPIN -> new Command.Unpin(args.pinArg());
            case GET_PIN_STATUS -> new Command.GetPinStatus(args.pinArg());
            case PURGE_ALL_CACHES -> new Command.PurgeAllCaches();
            case GET_FILE_ID -> new Command.Unknown(CommandWord.GET_FILE_ID.number());
            // The raw form: any number as a command the driver does not know, even a known one's number.
            case IOCTL -> new Command.Unknown(args.number("command number"));
        };
        return new Step.Ioctl(fd, cmd, caller);
    }

    /** CTX-PLATFORM's word ({@link Platform#parse}); an unknown one is a syntax error at its column. */
    private static Platform platform(Tokenizer.Token v) {
        try {
            return Platform.parse(v.text());
        } catch (IllegalArgumentException e) {
            throw new TraceSyntaxException(v.column(), e.getMessage());
        }
    }

    static Caller caller(String text, int column) {
        boolean cap = false;
        boolean rie = false;
        for (String part : text.split(",")) {
            switch (part.strip()) {
                case "app", "nocap" -> {
                }
                case "cap" -> cap = true;
                case "rie" -> rie = true;
                default -> throw new TraceSyntaxException(column, "unknown caller '" + part
                        + "' (app, cap, rie or cap,rie: CAP_SYS_ADMIN and READ_IMPLIES_EXEC)");
            }
        }
        return new Caller(cap, rie);
    }

    private static byte[] bytesOf(Tokenizer.Token v) {
        if (v.quoted()) {
            return v.bytes();
        }
        if (!v.text().startsWith(ByteText.PREFIX)) {
            throw new TraceSyntaxException(v.column(), "expected a quoted string or hex:bytes, found '"
                    + ByteText.shortened(v.text()) + "'");
        }
        return ByteText.parseArgument(v.text(), v.column());
    }

    private static Outcome outcome(Step step, Tokenizer.Token t) {
        if (t.quoted()) {
            return new Outcome.Data(t.bytes());
        }
        String s = t.text();
        if (s.startsWith("-E") && s.length() > 2 && s.substring(1).chars().allMatch(ch -> Character.isUpperCase(ch) || Character.isDigit(ch))) {
            return new Outcome.Err(s.substring(1));
        }
        if (s.equals(Outcome.Blocked.WORD)) {
            return new Outcome.Blocked();
        }
        if (s.equals("SIGSEGV") || s.equals("SIGBUS")) {
            return new Outcome.Sig(Result.Signal.valueOf(s));
        }
        if (s.startsWith(ByteText.PREFIX)) {
            return new Outcome.Data(ByteText.parseRuns(s, t.column(), ByteRuns.MAX_LENGTH));
        }
        if (step.binds()) {
            if (!Name.valid(s)) {
                throw new TraceSyntaxException(t.column(), "expected the returned " + (step instanceof Step.Mmap ? "mapping" : "handle")
                        + " (a number or a name) or -ERRNO, found '" + s + "'");
            }
            return new Outcome.Bound(new Name(s));
        }
        try {
            return new Outcome.Ret(Numbers.parse(s));
        } catch (NumberFormatException e) {
            throw new TraceSyntaxException(t.column(), "expected a result (a number, -ERRNO such as -EINVAL, SIGSEGV, SIGBUS, "
                    + "hex:bytes or a quoted string), found '" + s + "'");
        }
    }

    /** The argument cursor of one line. */
    private static final class Args {
        private final List<Tokenizer.Token> t;
        private int i = 1;
        /** What the messages call the line: its operation, and the command of an ioctl. */
        private String context;

        Args(List<Tokenizer.Token> t) {
            this.t = t;
            this.context = t.getFirst().text();
        }

        Tokenizer.Token next(String what) {
            if (i >= t.size()) {
                var last = t.getLast();
                throw new TraceSyntaxException(last.column() + last.text().length(), context + ": missing " + what);
            }
            return t.get(i++);
        }

        boolean optionalWord(String word) {
            if (i < t.size() && !t.get(i).quoted() && t.get(i).text().equals(word)) {
                i++;
                return true;
            }
            return false;
        }

        void end() {
            if (i < t.size()) {
                throw new TraceSyntaxException(t.get(i).column(), context + ": unexpected '" + t.get(i) + "'");
            }
        }

        Name name(String what) {
            var v = next(what);
            if (v.quoted() || !Name.valid(v.text())) {
                throw new TraceSyntaxException(v.column(), "expected " + what + " (a number or a name), found '" + v + "'");
            }
            return new Name(v.text());
        }

        long number(String what) {
            return TraceParser.number(next(what), what, Numbers::parse);
        }

        int count(String what) {
            return TraceParser.number(next(what), what, Numbers::parseCount);
        }

        int signedInt(String what) {
            return TraceParser.number(next(what), what, text -> {
                long v = Numbers.parse(text);
                if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                    throw new NumberFormatException("not a C int: " + text);
                }
                return (int) v;
            });
        }

        int prot(String what) {
            var v = next(what);
            var bits = protBits(v.text());
            if (bits >= 0) {
                return bits;
            }
            return TraceParser.number(v, what, Numbers::parseInt);
        }

        long protMask(String what) {
            var v = next(what);
            var bits = protBits(v.text());
            return bits >= 0 ? bits : TraceParser.number(v, what, Numbers::parse);
        }

        boolean kind() {
            var v = next("shared or private");
            return switch (v.text().toLowerCase(Locale.ROOT)) { // SHARED as a C test may print it
                case "shared" -> true;
                case "private" -> false;
                default -> throw new TraceSyntaxException(v.column(), "expected shared or private, found '" + v + "'");
            };
        }

        int whence() {
            var v = next("whence");
            return switch (v.text().toUpperCase(Locale.ROOT)) {
                case "SET", "SEEK_SET" -> Whence.SEEK_SET;
                case "CUR", "SEEK_CUR" -> Whence.SEEK_CUR;
                case "END", "SEEK_END" -> Whence.SEEK_END;
                case "DATA", "SEEK_DATA" -> Whence.SEEK_DATA;
                case "HOLE", "SEEK_HOLE" -> Whence.SEEK_HOLE;
                default -> TraceParser.number(v, "whence (SET, CUR, END, DATA, HOLE or a number)", Numbers::parseInt);
            };
        }

        byte[] bytes(String what) {
            return bytesOf(next(what));
        }

        Command.PinArg pinArg() {
            if (optionalWord(BAD_POINTER)) {
                return Command.PinArg.unreadable();
            }
            long offset = TraceParser.number(next("offset"), "offset (u32)", Numbers::parseU32);
            long len = TraceParser.number(next("len"), "len (u32)", Numbers::parseU32);
            return Command.PinArg.of(offset, len);
        }
    }

    /** rwx-style protection ("rw-", "---", "RW-" alike), or -1 when the text is not of that form. */
    static int protBits(String s) {
        if (s.length() != 3) {
            return -1;
        }
        int bits = 0;
        char[] want = {'r', 'w', 'x'};
        int[] values = {Prot.READ, Prot.WRITE, Prot.EXEC};
        for (int k = 0; k < 3; k++) {
            char c = Character.toLowerCase(s.charAt(k)); // RW- as a C test may print it
            if (c == want[k]) {
                bits |= values[k];
            } else if (c != '-') {
                return -1;
            }
        }
        return bits;
    }

    private interface NumberReader<T> {
        T read(String text);
    }

    private static <T> T number(Tokenizer.Token v, String what, NumberReader<T> reader) {
        if (v.quoted()) {
            throw new TraceSyntaxException(v.column(), "expected " + what + " (a number), found a quoted string");
        }
        try {
            return reader.read(v.text());
        } catch (NumberFormatException e) {
            throw new TraceSyntaxException(v.column(), "expected " + what + ": " + e.getMessage());
        }
    }

    /** The errno names the model knows, for messages. */
    static String errnoNames() {
        return Arrays.toString(Errno.values());
    }
}
