package dev.ashmem.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ashmem.oracle.profile.Profiles;
import dev.ashmem.oracle.protocol.Hello;
import dev.ashmem.oracle.protocol.Protocol;
import dev.ashmem.oracle.protocol.ProtocolServer;
import dev.ashmem.pbt.Ctx;
import dev.ashmem.pbt.Gens;
import dev.ashmem.pbt.junit.Property;
import dev.ashmem.trace.Profile;
import dev.ashmem.trace.TraceFuzz;
import dev.ashmem.trace.TraceParser;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The line protocol on hostile requests ({@link TraceFuzz#LINES}: mutated corpus lines, random bytes,
 * huge repeat counts, BOM, CRLF, invalid UTF-8): the server answers every request with one line, a
 * result or {@code error <reason>}, and never dies.
 */
class ProtocolFuzzTest {

    private static List<String> serve(byte[] input) throws Exception {
        var bytes = new ByteArrayOutputStream();
        var out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        new ProtocolServer(() -> Profiles.newDevice(Profile.MAINLINE, 4096), new Hello(1, 4096, Profile.MAINLINE, "model"))
                .serve(new BufferedReader(new InputStreamReader(new ByteArrayInputStream(input), StandardCharsets.UTF_8)), out);
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }

    /** Requests a session needs to reach mapped memory, so that fuzzed loads and stores touch some. */
    private static final String SETUP = "open\nioctl 0 SET_SIZE 65536\nmmap 0 65536 rw- shared 0\n";

    @Property(tries = 300)
    void everyRequestGetsOneLine(Ctx ctx) throws Exception {
        // Requests carry no result: most lines lose their "-> result", and half name the setup's handle 0
        // and mapping 1 instead of the corpus' a, b, m, n, so that they reach the device.
        var lines = ctx.draw(Gens.lists(Gens.zip(TraceFuzz.LINES, Gens.ints(0, 3), (l, how) -> {
            var r = how > 0 && l.contains("->") ? l.substring(0, l.indexOf("->")) : l;
            return how > 1 ? r.replaceAll("\\b[ab]\\b", "0").replaceAll("\\b[mn]\\b", "1") : r;
        }), 1, 20), "requests");
        var requests = new ArrayList<String>();
        for (var l : lines) {
            for (var part : l.split("[\r\n]")) { // random bytes may hold line ends: each part is a request
                var r = part.strip();
                if (r.startsWith("\uFEFF")) {
                    r = r.substring(1).strip();
                }
                if (!r.isEmpty() && !r.startsWith("#") && !r.equals(Protocol.BYE)) {
                    requests.add(part); // blank lines, comments get no reply; bye would end the session
                }
            }
        }
        var replies = serve((SETUP + String.join("\n", requests) + "\n").getBytes(StandardCharsets.UTF_8));
        ctx.checkEquals(1 + 3 + requests.size(), replies.size(), "one reply line per request");
        for (var reply : replies.subList(4, replies.size())) {
            ctx.check(!reply.isBlank() && !reply.startsWith(Protocol.ERROR + " the device failed"), "a result or a request error: " + reply);
        }
    }

    @Test
    void invalidUtf8AndLongLinesGetErrorsAndTheSessionGoesOn() throws Exception {
        var out = new ByteArrayOutputStream();
        out.writeBytes("\uFEFFopen\r\n".getBytes(StandardCharsets.UTF_8));
        out.writeBytes(new byte[] {'s', 't', 'o', 'r', 'e', ' ', '1', ' ', '0', ' ', '"', (byte) 0xc3, (byte) 0x28, '"', '\n'});
        out.writeBytes(("open " + "x".repeat(TraceParser.MAX_LINE) + "\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes("load 1 0 1 -> hex:00{99999999999}\nMMAP 0 4096 RW- SHARED 0\nopen\n".getBytes(StandardCharsets.UTF_8));
        var replies = serve(out.toByteArray());
        assertThat(replies.subList(1, replies.size())).satisfiesExactly(
                r -> assertThat(r).isEqualTo("0"),
                r -> assertThat(r).startsWith("error ").contains("quoted strings hold bytes"),
                r -> assertThat(r).isEqualTo("error request longer than " + TraceParser.MAX_LINE + " characters"),
                r -> assertThat(r).startsWith("error ").contains("repeat count too large: {99999999999}"),
                r -> assertThat(r).isEqualTo("-EINVAL"), // MMAP-NOSIZE: upper case accepted
                r -> assertThat(r).isEqualTo("1"));
    }
}
