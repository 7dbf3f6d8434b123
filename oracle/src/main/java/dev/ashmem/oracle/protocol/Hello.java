package dev.ashmem.oracle.protocol;

import dev.ashmem.trace.Profile;
import dev.ashmem.trace.TraceSyntaxException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The first line a protocol server prints: {@code ashmem-protocol 1 page-size 4096 profile memfd impl
 * memfd-ashmem.c}. Keys after the version come in pairs; unknown keys are ignored, page-size is required.
 */
public record Hello(int version, int pageSize, Profile profile, String impl) {
    public static final String MAGIC = "ashmem-protocol";
    public static final int VERSION = 1;

    public String line() {
        return MAGIC + " " + version + " page-size " + pageSize + " profile " + profile.word() + (impl == null ? "" : " impl " + impl);
    }

    public static Hello parse(String line) {
        var t = line.strip().split("\\s+");
        if (t.length < 2 || !t[0].equals(MAGIC)) {
            throw new TraceSyntaxException("hello", 1, 1, "expected '" + MAGIC + " " + VERSION
                    + " page-size N [profile P] [impl NAME]', got: " + line.strip());
        }
        if (!t[1].equals(Integer.toString(VERSION))) {
            throw new TraceSyntaxException("hello", 1, 0, "protocol version " + t[1] + " is not supported (this driver speaks " + VERSION + ")");
        }
        if (t.length % 2 != 0) {
            throw new TraceSyntaxException("hello", 1, 0, "keys and values must come in pairs: " + line.strip());
        }
        Map<String, String> kv = new LinkedHashMap<>();
        for (int i = 2; i + 1 < t.length; i += 2) {
            kv.put(t[i], t[i + 1]);
        }
        if (!kv.containsKey("page-size")) {
            throw new TraceSyntaxException("hello", 1, 0, "the hello line must give page-size: " + line.strip());
        }
        int pageSize;
        try {
            pageSize = Integer.parseInt(kv.get("page-size"));
        } catch (NumberFormatException e) {
            throw new TraceSyntaxException("hello", 1, 0, "page-size is not a number: " + kv.get("page-size"));
        }
        Profile profile;
        try {
            profile = kv.containsKey("profile") ? Profile.parse(kv.get("profile")) : Profile.MAINLINE;
        } catch (IllegalArgumentException e) {
            throw new TraceSyntaxException("hello", 1, 0, e.getMessage());
        }
        return new Hello(VERSION, pageSize, profile, kv.get("impl"));
    }
}
