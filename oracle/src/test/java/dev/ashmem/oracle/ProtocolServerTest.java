package dev.ashmem.oracle;

import dev.ashmem.oracle.profile.Profiles;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ashmem.trace.Profile;
import dev.ashmem.model.Platform;
import dev.ashmem.oracle.protocol.Hello;
import dev.ashmem.oracle.protocol.ProtocolServer;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The server side of the line protocol, in process. */
class ProtocolServerTest {

    static List<String> serve(Profile profile, String input) throws Exception {
        var bytes = new ByteArrayOutputStream();
        var out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        new ProtocolServer(() -> Profiles.newDevice(profile, 4096), new Hello(1, 4096, profile, "model"))
                .serve(new BufferedReader(new StringReader(input)), out);
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void oneReplyPerRequest() throws Exception {
        var replies = serve(Profile.MAINLINE, """
                open
                ioctl 0 SET_SIZE 8192
                # comments and blank lines get no reply

                mmap 0 8192 rw- shared 0
                store 1 0 "hi"
                ioctl 0 UNPIN 0 4096
                ioctl 0 PURGE_ALL_CACHES [cap]
                load 1 0 2
                ioctl 0 GET_NAME
                llseek 0 0 9
                shrink_scan 1 nofs
                reset
                ioctl 0 GET_SIZE
                open
                bye
                open
                """);
        assertThat(replies).containsExactly("ashmem-protocol 1 page-size 4096 profile mainline impl model",
                "0", "0", "1", "0", "0", "1", "hex:0000", "\"dev/ashmem\\0\"", "-EINVAL", "0xffffffffffffffff",
                "ok", "-EBADF", "0", "bye");
    }

    @Test
    void badRequestsGetAnErrorLineAndTheSessionGoesOn() throws Exception {
        var replies = serve(Profile.RUST_2024, """
                frobnicate 3
                open -> 0
                ioctl a GET_SIZE
                open
                ioctl 0 0x770b
                """);
        assertThat(replies.get(0)).isEqualTo("ashmem-protocol 1 page-size 4096 profile rust-2024 impl model");
        assertThat(replies.get(1)).startsWith("error unknown operation 'frobnicate'");
        assertThat(replies.get(2)).startsWith("error a request carries no result");
        assertThat(replies.get(3)).isEqualTo("error this server names handles and mappings by number, not 'a'");
        assertThat(replies.subList(4, 6)).containsExactly("0", "-EINVAL");
    }

    @Test
    void helloLines() {
        var h = Hello.parse("ashmem-protocol 1 page-size 16384 profile memfd impl x future-key 7");
        assertThat(h.pageSize()).isEqualTo(16384);
        assertThat(h.profile()).isEqualTo(Profile.MEMFD);
        assertThat(Hello.parse("ashmem-protocol 1 page-size 4096").profile()).isEqualTo(Profile.MAINLINE);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Hello.parse("hello")).hasMessageContaining("expected 'ashmem-protocol 1");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Hello.parse("ashmem-protocol 1 profile rust"))
                .hasMessageContaining("must give page-size");
    }

    /** CTX-PLATFORM in the hello line: x86-64 unless named; host is this machine's; a bad word is a bad hello line. */
    @Test
    void helloLinesNameThePlatform() {
        assertThat(Hello.parse("ashmem-protocol 1 page-size 4096").platform()).isEqualTo(Platform.X86_64);
        var pku = Hello.parse("ashmem-protocol 1 page-size 4096 platform x86-64+pku");
        assertThat(pku.platform()).isEqualTo(Platform.x86_64(true));
        assertThat(Hello.parse(pku.line()).platform()).isEqualTo(Platform.x86_64(true));
        assertThat(pku.line()).contains(" platform x86-64+pku");
        assertThat(new Hello(1, 4096, Profile.MAINLINE, "m").line()).doesNotContain("platform");
        assertThat(Hello.parse("ashmem-protocol 1 page-size 4096 platform host").platform()).isEqualTo(HostMachine.platform().orElseThrow());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Hello.parse("ashmem-protocol 1 page-size 4096 platform vax"))
                .hasMessageContaining("unknown platform 'vax'");
    }
}
