package dev.ashmem.model;

import java.nio.charset.StandardCharsets;

/** Area names as the driver keeps them: bytes, at most 255 of them, no NUL. */
public final class Names {
    /** ASHMEM_NAME_LEN: the name buffer including its terminator. */
    public static final int NAME_LEN = 256;
    /** What GET_NAME reports for an unnamed area (ASHMEM_NAME_DEF). */
    public static final String DEFAULT = "dev/ashmem";

    private Names() {
    }

    /** Printable form for traces and messages: C-style escapes for anything outside printable ASCII. */
    public static String quote(byte[] bytes) {
        var sb = new StringBuilder("\"");
        for (byte b : bytes) {
            int c = b & 0xff;
            if (c == '"' || c == '\\') {
                sb.append('\\').append((char) c);
            } else if (c >= 0x20 && c < 0x7f) {
                sb.append((char) c);
            } else {
                sb.append(String.format("\\x%02x", c));
            }
        }
        return sb.append('"').toString();
    }

    public static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
