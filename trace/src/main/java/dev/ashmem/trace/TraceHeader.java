package dev.ashmem.trace;

import dev.ashmem.model.Caller;
import dev.ashmem.trace.Profile;
import java.util.List;
import java.util.Objects;

/**
 * The context of a trace: page size, the view of ioctl results, how names bind, the default caller, the
 * profile it was recorded against (null: not stated), and, for conformance traces, the rules it covers.
 */
public record TraceHeader(int pageSize, ResultsMode results, NameMode names, Caller caller, Profile profile,
                          List<String> covers) {
    public static final int VERSION = 1;
    public static final String MAGIC = "ashmem-trace";

    public TraceHeader {
        if (pageSize != 4096 && pageSize != 16384 && pageSize != 65536) {
            throw new IllegalArgumentException("page-size must be 4096, 16384 or 65536 (spec CTX-PAGE): " + pageSize);
        }
        Objects.requireNonNull(results);
        Objects.requireNonNull(names);
        Objects.requireNonNull(caller);
        covers = List.copyOf(covers);
    }

    /** 4 KiB pages, kernel results, mapped names, an ordinary app, no profile stated. */
    public static TraceHeader defaults() {
        return new TraceHeader(4096, ResultsMode.KERNEL, NameMode.MAPPED, Caller.APP, null, List.of());
    }

    public TraceHeader withPageSize(int v) {
        return new TraceHeader(v, results, names, caller, profile, covers);
    }

    public TraceHeader withResults(ResultsMode v) {
        return new TraceHeader(pageSize, v, names, caller, profile, covers);
    }

    public TraceHeader withNames(NameMode v) {
        return new TraceHeader(pageSize, results, v, caller, profile, covers);
    }

    public TraceHeader withCaller(Caller v) {
        return new TraceHeader(pageSize, results, names, v, profile, covers);
    }

    public TraceHeader withProfile(Profile v) {
        return new TraceHeader(pageSize, results, names, caller, v, covers);
    }

    public TraceHeader withCovers(List<String> v) {
        return new TraceHeader(pageSize, results, names, caller, profile, v);
    }
}
