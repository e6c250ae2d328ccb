package io.sysmon.internal;

import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Number scanning for kernel text: plain decimal only, no exceptions on junk, no regex. The kernel never
 * writes a {@code +}, exponents, hex or locale separators in the files read here, so anything else is junk.
 */
final class Numbers {

    /** Returned by the region scanners when the text is not a number. */
    static final long NOT_A_NUMBER = -1;

    private Numbers() {
    }

    /**
     * @param text a whole attribute, such as {@code "45000\n"}; surrounding ASCII whitespace is ignored
     * @return the decimal integer it holds (optionally negative), or empty for anything else, including an
     *         empty string, letters, a fraction and values beyond {@code long}
     */
    static OptionalLong parseLong(String text) {
        if (text == null) {
            return OptionalLong.empty();
        }
        int from = skipSpace(text, 0, text.length());
        int to = trimSpaceEnd(text, from, text.length());
        boolean negative = from < to && text.charAt(from) == '-';
        long magnitude = parseDigits(text, negative ? from + 1 : from, to);
        if (magnitude == NOT_A_NUMBER) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(negative ? -magnitude : magnitude);
    }

    /**
     * @param text the text holding the digits
     * @param from first index, inclusive
     * @param to last index, exclusive
     * @return the value of the digits in {@code [from, to)}, or {@link #NOT_A_NUMBER} when the region is empty,
     *         holds anything but ASCII digits, or overflows {@code long}
     */
    static long parseDigits(CharSequence text, int from, int to) {
        if (from >= to) {
            return NOT_A_NUMBER;
        }
        long value = 0;
        for (int i = from; i < to; i++) {
            int digit = text.charAt(i) - '0';
            if (digit < 0 || digit > 9 || value > (Long.MAX_VALUE - digit) / 10) {
                return NOT_A_NUMBER;
            }
            value = value * 10 + digit;
        }
        return value;
    }

    /**
     * @param text the text holding the number
     * @param from first index, inclusive
     * @param to last index, exclusive
     * @return the value of a plain decimal such as {@code 2300.000} or {@code -5} in {@code [from, to)}, or empty
     *         when the region is anything else ({@code NaN}, {@code Infinity}, exponents, a lone dot included)
     */
    static OptionalDouble parseDecimal(String text, int from, int to) {
        int i = from < to && text.charAt(from) == '-' ? from + 1 : from;
        int digits = 0;
        boolean dot = false;
        for (; i < to; i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                digits++;
            } else if (c == '.' && !dot) {
                dot = true;
            } else {
                return OptionalDouble.empty();
            }
        }
        if (digits == 0) {
            return OptionalDouble.empty();
        }
        // The format is checked above, so parseDouble cannot throw here; it is used for its correct rounding.
        double value = Double.parseDouble(text.substring(from, to));
        return Double.isFinite(value) ? OptionalDouble.of(value) : OptionalDouble.empty();
    }

    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0B;
    }

    static int skipSpace(CharSequence text, int from, int to) {
        while (from < to && isSpace(text.charAt(from))) {
            from++;
        }
        return from;
    }

    static int trimSpaceEnd(CharSequence text, int from, int to) {
        while (to > from && isSpace(text.charAt(to - 1))) {
            to--;
        }
        return to;
    }
}
