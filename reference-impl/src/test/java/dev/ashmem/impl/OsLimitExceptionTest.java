package dev.ashmem.impl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ashmem.impl.sys.SysException;
import org.junit.jupiter.api.Test;

/**
 * What a caller learns from an OS limit (FdExhaustionTest meets a real one in a child process, out of reach
 * of a coverage tool): the call, the errno, and a message naming both.
 */
class OsLimitExceptionTest {
    @Test
    void namesTheCallAndTheErrno() {
        var e = new OsLimitException("mmap of area 3", new SysException("memfd_create", 24));
        assertThat(e.call()).isEqualTo("memfd_create");
        assertThat(e.errno()).isEqualTo(24);
        assertThat(e.getMessage()).startsWith("mmap of area 3: the operating system refused memfd_create with EMFILE (too many open files in this process)");
        assertThat(OsLimitException.name(28)).startsWith("ENOSPC");
        assertThat(OsLimitException.name(9999)).contains("9999");
    }
}
