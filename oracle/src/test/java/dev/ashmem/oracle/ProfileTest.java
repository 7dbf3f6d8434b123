package dev.ashmem.oracle;

import dev.ashmem.oracle.profile.Profiles;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ashmem.model.Caller;
import dev.ashmem.model.Command;
import dev.ashmem.model.Errno;
import dev.ashmem.model.Prot;
import dev.ashmem.model.Result;
import dev.ashmem.trace.Profile;
import dev.ashmem.oracle.profile.ProfileLimitation;
import org.junit.jupiter.api.Test;

/** The profiles apply exactly their documented differences to the model. */
class ProfileTest {

    @Test
    void rust() {
        var d = Profiles.newDevice(Profile.RUST_2024, 4096);
        int fd = d.openHandle();
        assertThat(d.ioctl(fd, new Command.Unknown(0x770b))).isEqualTo(Result.err(Errno.EINVAL));
        assertThat(d.lastDifference()).contains(Profile.RUST_2024_UNKNOWN_IOCTL);
        assertThat(d.ioctl(fd, new Command.Unknown(0x8008770bL))).isEqualTo(Result.err(Errno.EINVAL));
        assertThat(d.lastDifference()).contains(Profile.RUST_2024_GET_FILE_ID);
        assertThat(d.ioctl(99, new Command.Unknown(0x770b))).isEqualTo(Result.err(Errno.EBADF));
        // READ_IMPLIES_EXEC before the check: r-- [rie] on mask r-- asks for r-x, which is not a subset
        assertThat(d.ioctl(fd, new Command.SetProtMask(Prot.READ))).isEqualTo(Result.ZERO);
        assertThat(d.ioctl(fd, new Command.SetProtMask(Prot.READ), Caller.READ_IMPLIES_EXEC)).isEqualTo(Result.err(Errno.EINVAL));
        assertThat(d.lastDifference()).contains(Profile.RUST_2024_RIE_FIRST);
        // the mainline model regains EXEC instead
        var m = Profiles.newDevice(Profile.MAINLINE, 4096);
        int mfd = m.openHandle();
        m.ioctl(mfd, new Command.SetProtMask(Prot.READ));
        assertThat(m.ioctl(mfd, new Command.SetProtMask(Prot.READ), Caller.READ_IMPLIES_EXEC)).isEqualTo(Result.ZERO);
        assertThat(m.lastDifference()).isEmpty();
        // the newest revision answers ENOTTY like the reference, and "rust" names it
        var n = Profiles.newDevice(Profile.parse("rust"), 4096);
        assertThat(n.profile()).isEqualTo(Profile.RUST_2025);
        assertThat(n.ioctl(n.openHandle(), new Command.Unknown(0x770b))).isEqualTo(Result.err(Errno.ENOTTY));
        assertThat(n.lastDifference()).isEmpty();
    }

    @Test
    void rustPinArithmeticIsNativeWidth() {
        for (var p : java.util.List.of(Profile.RUST_2024, Profile.RUST_2025)) {
            var d = Profiles.newDevice(p, 4096);
            int fd = d.openHandle();
            d.ioctl(fd, new Command.SetSize(65536));
            assertThat(d.mmap(fd, 4096, Prot.READ, true, 0)).isInstanceOf(Result.Value.class);
            assertThat(d.ioctl(fd, Command.unpin(0, 8192))).isEqualTo(Result.ZERO);
            assertThat(d.lastDifference()).isEmpty();
            // below 4 GiB a u32 overflow fails the bounds check instead: EINVAL in both, no difference
            assertThat(d.ioctl(fd, Command.unpin(0xFFFF_F000L, 8192))).isEqualTo(Result.err(Errno.EINVAL));
            assertThat(d.lastDifference()).isEmpty();
            var big = Profiles.newDevice(p, 4096);
            int b = big.openHandle();
            big.ioctl(b, new Command.SetSize(1L << 33));
            big.mmap(b, 4096, Prot.READ, true, 0);
            assertThat(big.ioctl(b, Command.unpin(0, 4096))).isEqualTo(Result.ZERO);
            assertThatThrownBy(() -> big.ioctl(b, Command.unpin(0, 0))).isInstanceOf(ProfileLimitation.class)
                    .hasMessageContaining("profile " + p.word() + " cannot evaluate");
            assertThatThrownBy(() -> big.ioctl(b, Command.unpin(0xFFFF_F000L, 8192))).isInstanceOf(ProfileLimitation.class);
            // ending exactly at 4 GiB: offset + len = 2^32 passes the driver's bounds test, not the reference's u32 test
            assertThatThrownBy(() -> big.ioctl(b, Command.unpin(0xFFFF_F000L, 4096))).isInstanceOf(ProfileLimitation.class);
            var four = Profiles.newDevice(p, 4096);
            int f = four.openHandle();
            four.ioctl(f, new Command.SetSize(1L << 32));
            four.mmap(f, 4096, Prot.READ, true, 0);
            assertThatThrownBy(() -> four.ioctl(f, Command.unpin(0xFFFF_F000L, 4096))).isInstanceOf(ProfileLimitation.class);
            assertThat(four.ioctl(f, Command.unpin(0xFFFF_E000L, 4096))).isEqualTo(Result.ZERO);
        }
        // offset past the end with len 0: the 2025 revision's checked_sub refuses it as the reference does
        var d = Profiles.newDevice(Profile.RUST_2025, 4096);
        int fd = d.openHandle();
        d.ioctl(fd, new Command.SetSize(65536));
        d.mmap(fd, 4096, Prot.READ, true, 0);
        assertThat(d.ioctl(fd, Command.unpin(69632, 0))).isEqualTo(Result.err(Errno.EINVAL));
        assertThat(d.lastDifference()).isEmpty();
    }

    @Test
    void memfd() {
        var d = Profiles.newDevice(Profile.MEMFD, 4096);
        int fd = d.openHandle();
        d.ioctl(fd, new Command.SetSize(8192));
        int shared = (int) ((Result.Value) d.mmap(fd, 8192, Prot.READ | Prot.WRITE, true, 0)).value();
        assertThat(d.ioctl(fd, Command.unpin(0, 8192))).isEqualTo(Result.ZERO);
        assertThat(d.ioctl(fd, Command.pinStatus(0, 8192))).isEqualTo(Result.ok(1));
        assertThat(d.ioctl(fd, new Command.PurgeAllCaches(), Caller.ADMIN)).isEqualTo(Result.ok(0));
        assertThat(d.ioctl(fd, Command.pin(0, 8192))).isEqualTo(Result.ok(0));
        assertThat(d.ioctl(fd, new Command.Unpin(Command.PinArg.unreadable()))).isEqualTo(Result.ZERO);
        // the mask is a write seal
        assertThat(d.ioctl(fd, new Command.SetProtMask(Prot.READ))).isEqualTo(Result.ZERO);
        assertThat(d.ioctl(fd, new Command.GetProtMask())).isEqualTo(Result.ok(Prot.READ | Prot.EXEC));
        assertThat(d.ioctl(fd, new Command.SetProtMask(Prot.ALL))).isEqualTo(Result.err(Errno.EINVAL));
        assertThat(d.ioctl(fd, new Command.SetProtMask(8))).isEqualTo(Result.err(Errno.EINVAL));
        assertThat(d.mmap(fd, 4096, Prot.READ | Prot.WRITE, true, 0)).isEqualTo(Result.err(Errno.EPERM));
        assertThat(d.mmap(fd, 4096, Prot.ALL, false, 0)).isInstanceOf(Result.Value.class);
        int ro = (int) ((Result.Value) d.mmap(fd, 4096, Prot.READ, true, 0)).value();
        assertThat(d.mprotect(ro, Prot.READ | Prot.WRITE)).isEqualTo(Result.err(Errno.EACCES));
        assertThat(d.mprotect(ro, Prot.READ | Prot.EXEC)).isEqualTo(Result.ZERO);
        assertThat(d.store(shared, 0, new byte[] {1})).isEqualTo(Result.ZERO); // made before the seal
        // the earlier checks still come first
        assertThat(d.mmap(fd, 3 * 4096, Prot.READ | Prot.WRITE, true, 0)).isEqualTo(Result.err(Errno.EINVAL));
        assertThat(d.mmap(fd, 4096, Prot.READ | Prot.WRITE, true, 100)).isEqualTo(Result.err(Errno.EINVAL));
    }

    @Test
    void memfdMappingsTheAddressSpaceDecides() {
        for (var p : new Profile[] {Profile.CUTILS_MEMFD, Profile.MEMFD_COMPAT}) {
            var d = Profiles.newDevice(p, 4096);
            int fd = d.openHandle();
            assertThat(d.ioctl(fd, new Command.SetSize(4096))).isEqualTo(Result.ZERO);
            // no MMAP-SIZE: far longer than the region is fine while it surely fits
            assertThat(d.mmap(fd, 1L << 40, Prot.READ, true, 0)).isInstanceOf(Result.Value.class);
            // the whole address space never is free (the stack's guard gap)
            assertThat(d.mmap(fd, dev.ashmem.model.Abi.TASK_SIZE, Prot.READ, true, 0)).isEqualTo(Result.err(Errno.ENOMEM));
            // in between, the process's own layout decides: the profile says it cannot tell
            assertThatThrownBy(() -> d.mmap(fd, 1L << 41, Prot.READ, true, 0)).isInstanceOf(ProfileLimitation.class)
                    .hasMessageContaining("profile " + p.word() + " cannot evaluate a mapping");
        }
    }

    @Test
    void copiesAreIndependent() {
        for (var p : Profile.values()) {
            var d = Profiles.newDevice(p, 4096);
            int fd = d.openHandle();
            var before = d.snapshot();
            var c = d.copy();
            d.ioctl(fd, new Command.SetSize(4096));
            assertThat(d.snapshot()).isNotEqualTo(before);
            assertThat(c.snapshot()).isEqualTo(before);
            assertThat(c.profile()).isEqualTo(p);
        }
    }
}
