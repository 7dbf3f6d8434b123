package dev.ashmem.oracle.protocol;

import dev.ashmem.generator.OpKind;
import dev.ashmem.model.Platform;
import dev.ashmem.oracle.HostMachine;
import dev.ashmem.trace.Profile;
import dev.ashmem.trace.ResultsMode;
import dev.ashmem.trace.TraceSyntaxException;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The first line a protocol server prints: {@code ashmem-protocol 1 page-size 4096 profile memfd impl
 * memfd-ashmem.c results user platform host unsupported shrink,pin_status}. Keys after the version come in pairs;
 * unknown keys are ignored, page-size is required. {@code results} is the trace header's word (whose view of
 * ioctl values the replies give), {@code platform} the generic layer its memory behaves like (CTX-PLATFORM: a
 * trace header's word, or {@code host} for an implementation that maps real memory on the driver's machine;
 * default x86-64), {@code unsupported} the operation classes ({@link OpKind} labels) the implementation cannot
 * express, comma separated.
 */
public record Hello(int version, int pageSize, Profile profile, String impl, ResultsMode results, Set<OpKind> unsupported,
                    Platform platform) {
    public static final String MAGIC = "ashmem-protocol";
    public static final int VERSION = 1;

    public Hello {
        unsupported = unsupported.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(unsupported));
        Objects.requireNonNull(platform, "platform");
    }

    /** A server on x86-64 (CTX-PLATFORM's default). */
    public Hello(int version, int pageSize, Profile profile, String impl, ResultsMode results, Set<OpKind> unsupported) {
        this(version, pageSize, profile, impl, results, unsupported, Platform.X86_64);
    }

    /** A server with kernel results that supports every operation class. */
    public Hello(int version, int pageSize, Profile profile, String impl) {
        this(version, pageSize, profile, impl, ResultsMode.KERNEL, Set.of());
    }

    public String line() {
        return MAGIC + " " + version + " page-size " + pageSize + " profile " + profile.word() + (impl == null ? "" : " impl " + impl)
                + (results == ResultsMode.KERNEL ? "" : " results " + results.word())
                + (platform.equals(Platform.X86_64) ? "" : " platform " + platform.name())
                + (unsupported.isEmpty() ? "" : " unsupported " + unsupported.stream().map(OpKind::label).collect(Collectors.joining(",")));
    }

    public static Hello parse(String line) {
        var t = line.strip().split("\\s+");
        if (t.length < 2 || !t[0].equals(MAGIC)) {
            throw new TraceSyntaxException("hello", 1, 1, "expected '" + MAGIC + " " + VERSION
                    + " page-size N [profile P] [impl NAME] [results kernel|user] [platform P|host] [unsupported CLASS,...]', got: " + line.strip());
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
        ResultsMode results = switch (kv.getOrDefault("results", "kernel")) {
            case "kernel" -> ResultsMode.KERNEL;
            case "user" -> ResultsMode.USER;
            default -> throw new TraceSyntaxException("hello", 1, 0, "results must be kernel or user, got: " + kv.get("results"));
        };
        Platform platform;
        try {
            platform = HostMachine.parse(kv.getOrDefault("platform", Platform.X86_64.name()));
        } catch (IllegalArgumentException e) {
            throw new TraceSyntaxException("hello", 1, 0, e.getMessage());
        }
        return new Hello(VERSION, pageSize, profile, kv.get("impl"), results, classes(kv.getOrDefault("unsupported", "")), platform);
    }

    /** Comma separated operation classes ({@link OpKind} labels); an unknown one is an error naming the known ones. */
    public static Set<OpKind> classes(String list) {
        var set = EnumSet.noneOf(OpKind.class);
        for (String word : list.split(",")) {
            if (word.isBlank()) {
                continue;
            }
            set.add(OpKind.ofLabel(word.strip()).orElseThrow(() -> new TraceSyntaxException("hello", 1, 0,
                    "unknown operation class '" + word.strip() + "'; known: " + OpKind.labels())));
        }
        return set;
    }
}
