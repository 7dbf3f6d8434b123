package dev.ashmem.oracle.protocol;

import dev.ashmem.model.AshmemDevice;
import dev.ashmem.model.Caller;
import dev.ashmem.generator.OpKind;
import dev.ashmem.trace.TraceParser;
import dev.ashmem.trace.TracePrinter;
import dev.ashmem.trace.TraceSyntaxException;
import dev.ashmem.trace.Traces;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The server side of the line protocol (spec/trace-format.md, "Protocol"): prints the hello line, then
 * answers each request line with one reply line. {@code reset} starts a fresh device, {@code bye} or
 * the end of input ends the session; a malformed request gets {@code error <message>}.
 */
public final class ProtocolServer {
    /** The answer's prefix to an operation of a class the server cannot express. */
    public static final String UNSUPPORTED = Protocol.ERROR + " " + Protocol.UNSUPPORTED;

    private final Supplier<AshmemDevice> devices;
    private final Hello hello;
    private final Set<OpKind> refused;

    /** Answers every operation class except those the hello line declares unsupported. */
    public ProtocolServer(Supplier<AshmemDevice> devices, Hello hello) {
        this(devices, hello, Set.of());
    }

    /**
     * Also refuses the classes {@code refused} without having declared them, as an implementation does that
     * finds out at run time that it cannot express an operation (a library without GET_PIN_STATUS).
     */
    public ProtocolServer(Supplier<AshmemDevice> devices, Hello hello, Set<OpKind> refused) {
        this.devices = devices;
        this.hello = hello;
        var all = EnumSet.noneOf(OpKind.class);
        all.addAll(refused);
        all.addAll(hello.unsupported());
        this.refused = all;
    }

    /** The same devices behind another hello line, refusing {@code refused} besides what it declares unsupported. */
    public ProtocolServer with(Hello hello, Set<OpKind> refused) {
        return new ProtocolServer(devices, hello, refused);
    }

    public Hello hello() {
        return hello;
    }

    public void serve(BufferedReader in, PrintStream out) throws IOException {
        out.println(hello.line());
        out.flush();
        try (var session = open()) {
            var lines = new BoundedLines(in, TraceParser.MAX_LINE);
            BoundedLines.Line line;
            while ((line = lines.next()) != null) {
                String reply = line instanceof BoundedLines.Text t ? session.reply(t.text())
                        : Protocol.ERROR + " request longer than " + TraceParser.MAX_LINE + " characters";
                if (reply == null) {
                    continue;
                }
                out.println(reply);
                out.flush();
                if (session.ended()) {
                    return;
                }
            }
        }
    }

    /** A new session on a fresh device, after the hello line. */
    public Session open() {
        return new Session(devices, this);
    }

    /** One client's session: its device, replaced on {@code reset}, until {@code bye} or close. */
    public static final class Session implements AutoCloseable {
        private final Supplier<AshmemDevice> devices;
        private final ProtocolServer server;
        private AshmemDevice device;
        private boolean ended;

        private Session(Supplier<AshmemDevice> devices, ProtocolServer server) {
            this.devices = devices;
            this.server = server;
            this.device = devices.get();
        }

        /** The reply to one request line; null for a blank or comment line, which gets none. */
        public String reply(String line) {
            String request = line.strip();
            if (request.startsWith("\uFEFF")) {
                request = request.substring(1).strip(); // a byte order mark, as some writers put first
            }
            if (request.isEmpty() || request.startsWith("#")) {
                return null;
            }
            if (request.equals(Protocol.RESET)) {
                device.close();
                device = devices.get();
                return Protocol.OK;
            }
            if (request.equals(Protocol.BYE)) {
                ended = true;
                return Protocol.BYE;
            }
            return server.answer(device, request);
        }

        /** True after {@code bye}. */
        public boolean ended() {
            return ended;
        }

        @Override
        public void close() {
            device.close();
        }
    }

    /** One reply line for one request line. */
    String answer(AshmemDevice device, String request) {
        try {
            var parsed = TraceParser.parseLine(request);
            if (parsed.outcome() != null) {
                return Protocol.ERROR + " a request carries no result: " + request;
            }
            var step = parsed.step();
            var op = Traces.op(step, Caller.APP);
            var kind = OpKind.of(op);
            if (refused.contains(kind)) {
                return UNSUPPORTED + " " + kind.label();
            }
            var result = op.applyTo(device);
            return TracePrinter.outcome(Traces.outcome(step, result, hello.results()), step);
        } catch (TraceSyntaxException e) {
            return Protocol.ERROR + " " + e.reason();
        } catch (IllegalArgumentException e) {
            return Protocol.ERROR + " " + e.getMessage();
        } catch (RuntimeException e) {
            return Protocol.ERROR + " the device failed: " + e;
        } catch (OutOfMemoryError e) {
            // The request's garbage is gone once we are here: answer it and go on serving.
            return Protocol.ERROR + " out of memory answering this request (" + e.getMessage() + ")";
        }
    }
}
