package dev.ashmem.oracle.cli;

import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine;

/**
 * Durations on the command line: 500ms, 5s, 2m, 1h, or plain seconds; more than zero (a zero budget or
 * time-out checks nothing) and at most {@link #MAX} (deadlines are nanosecond clocks: far larger ones overflow).
 */
public final class Durations implements CommandLine.ITypeConverter<Duration> {
    /** The longest duration taken: a year. */
    public static final Duration MAX = Duration.ofDays(365);

    @Override
    public Duration convert(String value) {
        var d = parse(value);
        if (d.isNegative() || d.isZero()) {
            throw new CommandLine.TypeConversionException("must be more than zero, not '" + value + "'");
        }
        if (d.compareTo(MAX) > 0) {
            throw new CommandLine.TypeConversionException("must be at most 365 days, not '" + value + "'");
        }
        return d;
    }

    /** Seconds as a duration, saturating far beyond {@link #MAX} (NaN: not a duration). */
    private static Duration seconds(double x) {
        if (Double.isNaN(x)) {
            throw new NumberFormatException("NaN");
        }
        return Duration.ofMillis((long) Math.min(x * 1000, 1e15));
    }

    private static Duration parse(String value) {
        String s = value.strip().toLowerCase(Locale.ROOT);
        // Plain decimal numbers only: Double.parseDouble would also take "2d" (a double) and hex floats.
        if (!s.matches("[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?(ms|s|m|h)?")) {
            throw new CommandLine.TypeConversionException("not a duration: '" + value + "' (try 500ms, 5s, 2m, 1h)");
        }
        try {
            if (s.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2)));
            }
            if (s.endsWith("s")) {
                return seconds(Double.parseDouble(s.substring(0, s.length() - 1)));
            }
            if (s.endsWith("m")) {
                return Duration.ofMinutes(Long.parseLong(s.substring(0, s.length() - 1)));
            }
            if (s.endsWith("h")) {
                return Duration.ofHours(Long.parseLong(s.substring(0, s.length() - 1)));
            }
            return seconds(Double.parseDouble(s));
        } catch (NumberFormatException | ArithmeticException e) {
            throw new CommandLine.TypeConversionException("not a duration: '" + value + "' (try 500ms, 5s, 2m, 1h)");
        }
    }
}
