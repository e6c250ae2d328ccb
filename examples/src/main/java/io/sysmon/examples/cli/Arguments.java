package io.sysmon.examples.cli;

import io.sysmon.shadow.AwsIotNames;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;

/**
 * Parsers for the values several commands take: a sampling interval, a sample count, a port and an AWS IoT thing
 * name. Each is a pure function that throws {@link BadValueException}, and each has a picocli converter so a command
 * declares it with {@code converter = Arguments.Interval.class}.
 */
public final class Arguments {

    /** The shortest interval accepted: one millisecond. */
    public static final Duration MIN_INTERVAL = Duration.ofMillis(1);
    /** The longest interval accepted: one day. */
    public static final Duration MAX_INTERVAL = Duration.ofDays(1);

    private static final int MAX_QUOTED = 40;

    private Arguments() {
    }

    /**
     * @param text seconds, fractions allowed ({@code 10}, {@code 0.5}, {@code 1e-2}), from 0.001 to 86400
     * @return the interval, rounded to whole nanoseconds
     * @throws BadValueException for anything else, including {@code NaN} and {@code Infinity}
     */
    public static Duration interval(String text) {
        BigDecimal seconds;
        try {
            // BigDecimal, unlike Double.parseDouble, rejects NaN, Infinity, hex and suffixes such as "10d".
            seconds = new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new BadValueException("must be a number of seconds > 0", text);
        }
        return interval(seconds, text);
    }

    /**
     * @param seconds seconds, from 0.001 to 86400
     * @return the interval, rounded to whole nanoseconds
     * @throws BadValueException for anything else, with the messages of {@link #interval(String)}; the value is
     *     shown as {@link BigDecimal#toPlainString()}
     */
    public static Duration interval(BigDecimal seconds) {
        return interval(seconds, seconds.toPlainString());
    }

    private static Duration interval(BigDecimal seconds, String text) {
        if (seconds.signum() <= 0) {
            throw new BadValueException("must be a number of seconds > 0", text);
        }
        if (seconds.compareTo(decimalSeconds(MIN_INTERVAL)) < 0) {
            throw new BadValueException("must be at least " + seconds(MIN_INTERVAL) + " seconds", text);
        }
        if (seconds.compareTo(decimalSeconds(MAX_INTERVAL)) > 0) {
            throw new BadValueException("must be at most " + seconds(MAX_INTERVAL) + " seconds (one day)", text);
        }
        return Duration.ofNanos(seconds.movePointRight(9).setScale(0, RoundingMode.HALF_UP).longValueExact());
    }

    /**
     * @param text a whole number of at least 1
     * @return the count
     * @throws BadValueException for anything else
     */
    public static long count(String text) {
        try {
            long count = Long.parseLong(text);
            if (count >= 1) {
                return count;
            }
        } catch (NumberFormatException e) {
            // reported below, like any other bad count
        }
        throw new BadValueException("must be a whole number >= 1", text);
    }

    /**
     * @param text a TCP port number, 1 to 65535
     * @return the port
     * @throws BadValueException for anything else
     */
    public static int port(String text) {
        try {
            int port = Integer.parseInt(text);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below, like any other bad port
        }
        throw new BadValueException("must be a port number from 1 to 65535", text);
    }

    /**
     * @param text an AWS IoT thing name: 1 to 128 characters from {@code a-z A-Z 0-9 : _ -}
     * @return {@code text}
     * @throws BadValueException for anything else
     */
    public static String thingName(String text) {
        if (!AwsIotNames.isValidThingName(text)) {
            throw new BadValueException(
                    "must be an AWS IoT thing name: 1 to 128 characters from a-z A-Z 0-9 : _ -", text);
        }
        return text;
    }

    /**
     * @param interval an interval
     * @return it in seconds without trailing zeros: {@code 10}, {@code 0.5}
     */
    public static String seconds(Duration interval) {
        return decimalSeconds(interval).toPlainString();
    }

    /**
     * @param interval an interval
     * @return it in seconds, exact, without trailing zeros (scale 0 or less for whole seconds)
     */
    public static BigDecimal decimalSeconds(Duration interval) {
        return BigDecimal.valueOf(interval.toNanos(), 9).stripTrailingZeros();
    }

    /**
     * Quotes a value for a one-line message: control characters escaped, long values shortened.
     *
     * @param value the value as given
     * @return e.g. {@code 'abc'}, or {@code 'aaa...' (129 characters)}
     */
    public static String quote(String value) {
        StringBuilder sb = new StringBuilder("'");
        int shown = Math.min(value.length(), MAX_QUOTED);
        for (int i = 0; i < shown; i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c)) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        if (shown < value.length()) {
            sb.append("...' (").append(value.length()).append(" characters)");
        } else {
            sb.append('\'');
        }
        return sb.toString();
    }

    /** picocli converter for {@link #interval(String)}. */
    public static final class Interval implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return interval(value);
        }
    }

    /** picocli converter for {@link #count(String)}. */
    public static final class Count implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            return count(value);
        }
    }

    /** picocli converter for {@link #port(String)}. */
    public static final class Port implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return port(value);
        }
    }

    /** picocli converter for {@link #thingName(String)}. */
    public static final class ThingName implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            return thingName(value);
        }
    }
}
