package dev.ashmem.pbt;

import java.util.List;

/**
 * What makes two failures "the same": the exception type and either the label of a failed check or the
 * first stack frame outside the JDK and assertion libraries (the failing assertion's site).
 */
public record FailureSignature(String type, String site) {

    static final String UNKNOWN_SITE = "?";

    private static final List<String> SKIPPED_PREFIXES = List.of(
            "java.", "javax.", "jdk.", "sun.", "com.sun.", "org.assertj.", "org.junit.", "org.opentest4j.",
            "junit.", "org.hamcrest.", "com.google.common.base.Preconditions", "kotlin.");

    public static FailureSignature of(Throwable t) {
        if (t instanceof CheckFailure cf) return new FailureSignature(t.getClass().getName(), "label:" + cf.label());
        for (StackTraceElement e : t.getStackTrace()) {
            if (!skipped(e.getClassName())) {
                return new FailureSignature(t.getClass().getName(),
                        e.getClassName() + "." + e.getMethodName() + ":" + e.getLineNumber());
            }
        }
        StackTraceElement[] trace = t.getStackTrace();
        String site = trace.length == 0 ? UNKNOWN_SITE : trace[0].toString();
        return new FailureSignature(t.getClass().getName(), site);
    }

    /**
     * Same type and same site. A failure without a stack trace matches any site: HotSpot replaces
     * often-thrown implicit exceptions (NullPointerException, ArrayIndexOutOfBoundsException, …) by a
     * preallocated, stackless one unless run with {@code -XX:-OmitStackTraceInFastThrow}.
     */
    public boolean matches(FailureSignature other) {
        return type.equals(other.type)
                && (site.equals(other.site) || site.equals(UNKNOWN_SITE) || other.site.equals(UNKNOWN_SITE));
    }

    private static boolean skipped(String className) {
        for (String p : SKIPPED_PREFIXES) if (className.startsWith(p)) return true;
        return false;
    }

    @Override
    public String toString() {
        return type + " at " + site;
    }
}
