package dev.ashmem.trace;

import dev.ashmem.model.Caller;
import dev.ashmem.model.Platform;
import dev.ashmem.trace.Profile;
import java.util.List;
import java.util.Objects;

/**
 * The context of a trace: page size, the view of ioctl results, how names bind, the default caller, the
 * architecture's generic layer (CTX-PLATFORM; x86-64 unless stated), the profile it was recorded against (null:
 * not stated), and, for conformance traces, the rules it covers.
 */
public record TraceHeader(int pageSize, ResultsMode results, NameMode names, Caller caller, Platform platform,
                          Profile profile, List<String> covers) {
    public static final int VERSION = 1;
    public static final String MAGIC = "ashmem-trace";

    public TraceHeader {
        if (pageSize != 4096 && pageSize != 16384 && pageSize != 65536) {
            throw new IllegalArgumentException("page-size must be 4096, 16384 or 65536 (spec CTX-PAGE): " + pageSize);
        }
        Objects.requireNonNull(results);
        Objects.requireNonNull(names);
        Objects.requireNonNull(caller);
        Objects.requireNonNull(platform);
        covers = List.copyOf(covers);
    }

    /** 4 KiB pages, kernel results, mapped names, an ordinary app, x86-64, no profile stated. */
    public static TraceHeader defaults() {
        return new TraceHeader(4096, ResultsMode.KERNEL, NameMode.MAPPED, Caller.APP, Platform.X86_64, null, List.of());
    }

    public TraceHeader withPageSize(int v) {
        return new TraceHeader(v, results, names, caller, platform, profile, covers);
    }

    public TraceHeader withResults(ResultsMode v) {
        return new TraceHeader(pageSize, v, names, caller, platform, profile, covers);
    }

    public TraceHeader withNames(NameMode v) {
        return new TraceHeader(pageSize, results, v, caller, platform, profile, covers);
    }

    public TraceHeader withCaller(Caller v) {
        return new TraceHeader(pageSize, results, names, v, platform, profile, covers);
    }

    public TraceHeader withPlatform(Platform v) {
        return new TraceHeader(pageSize, results, names, caller, v, profile, covers);
    }

    public TraceHeader withProfile(Profile v) {
        return new TraceHeader(pageSize, results, names, caller, platform, v, covers);
    }

    public TraceHeader withCovers(List<String> v) {
        return new TraceHeader(pageSize, results, names, caller, platform, profile, v);
    }
}
