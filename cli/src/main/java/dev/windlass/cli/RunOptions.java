package dev.windlass.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/** The values of {@code windlass run}'s options that need parsing: directories and durations. */
final class RunOptions {

    private RunOptions() {
    }

    /**
     * A directory given to the guest: {@code --dir HOST[::GUEST]} (read and write) or
     * {@code --dir-readonly HOST[::GUEST]}; the guest path defaults to the host path as written.
     */
    record Directory(Path host, String guest, boolean readOnly) {

        /**
         * {@return the directory that {@code HOST[::GUEST]} names}
         *
         * @throws IllegalArgumentException if a part is empty
         */
        static Directory parse(String text, boolean readOnly) {
            int split = text.indexOf("::");
            String host = split < 0 ? text : text.substring(0, split);
            String guest = split < 0 ? text : text.substring(split + 2);
            if (host.isEmpty() || guest.isEmpty()) {
                throw new IllegalArgumentException(
                        "expected HOST[::GUEST] with both parts non-empty, got '" + text + "'");
            }
            return new Directory(Path.of(host), guest, readOnly);
        }
    }

    private static final Pattern DURATION = Pattern.compile("(\\d+)(ns|us|µs|ms|s|m|h)?");

    /**
     * {@return the duration that {@code text} names}: a whole number with a unit, {@code ns},
     * {@code us}, {@code ms}, {@code s}, {@code m} or {@code h}, or without one for seconds, as
     * {@code wasmtime run -W timeout=} reads it ({@code 500ms}, {@code 2s}, {@code 1m})
     *
     * @throws IllegalArgumentException if it is not one, or is zero
     */
    static Duration parseDuration(String text) {
        Matcher m = DURATION.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a duration: '" + text
                    + "' (expected a whole number with ns, us, ms, s, m or h, e.g. 500ms, 2s, 1m)");
        }
        long amount;
        try {
            amount = Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("duration out of range: '" + text + "'");
        }
        String unit = m.group(2) == null ? "s" : m.group(2);
        Duration duration = switch (unit) {
            case "ns" -> Duration.ofNanos(amount);
            case "us", "µs" -> Duration.ofNanos(Math.multiplyExact(amount, 1000L));
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            default -> Duration.ofHours(amount);
        };
        if (duration.isZero()) {
            throw new IllegalArgumentException("a timeout must be longer than zero: '" + text + "'");
        }
        return duration;
    }

    /** picocli's converter for {@code --timeout}. */
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(|b|k|kb|kib|m|mb|mib|g|gb|gib|t|tb|tib)",
            Pattern.CASE_INSENSITIVE);

    /**
     * {@return the bytes {@code text} says}: a number of bytes, or of KiB, MiB, GiB, TiB with the
     * suffix {@code K}, {@code M}, {@code G}, {@code T} (also {@code KiB}, {@code KB}...: all binary)
     *
     * @throws IllegalArgumentException if it is not such a size
     * @throws ArithmeticException      if it does not fit in a long
     */
    static long parseSize(String text) {
        Matcher matcher = SIZE.matcher(text.strip());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not a size: '" + text + "' (examples: 1G, 512MiB, 65536)");
        }
        String unit = matcher.group(2).toLowerCase(java.util.Locale.ROOT);
        int shift = unit.isEmpty() || unit.equals("b") ? 0 : switch (unit.charAt(0)) {
            case 'k' -> 10;
            case 'm' -> 20;
            case 'g' -> 30;
            default -> 40;
        };
        long value = Long.parseLong(matcher.group(1));
        return Math.multiplyExact(value, 1L << shift);
    }

    static final class SizeConverter implements CommandLine.ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            try {
                return parseSize(value);
            } catch (IllegalArgumentException | ArithmeticException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                return parseDuration(value);
            } catch (IllegalArgumentException | ArithmeticException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    /** picocli's converter for {@code --dir}. */
    static final class ReadWriteDirectory implements CommandLine.ITypeConverter<Directory> {
        @Override
        public Directory convert(String value) {
            try {
                return Directory.parse(value, false);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    /** picocli's converter for {@code --dir-readonly}. */
    static final class ReadOnlyDirectory implements CommandLine.ITypeConverter<Directory> {
        @Override
        public Directory convert(String value) {
            try {
                return Directory.parse(value, true);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    /** Makes everything after the module file the guest's, as {@code wasmtime run} does. */
    static final class StopAtModule implements CommandLine.IModelTransformer {
        @Override
        public CommandLine.Model.CommandSpec transform(CommandLine.Model.CommandSpec spec) {
            spec.parser().stopAtPositional(true);
            return spec;
        }
    }
}
