package io.sysmon.examples.cli;

import picocli.CommandLine.TypeConversionException;

/**
 * A command-line value was rejected. The message says what the value must be and what it was, without naming
 * the option or parameter ({@code must be a whole number >= 1, got '0'}); the error handler in {@link Cli}
 * puts the name in front, so one converter serves an option and a positional parameter alike.
 */
public final class BadValueException extends TypeConversionException {

    private static final long serialVersionUID = 1L;

    /**
     * @param mustBe what the value must be, e.g. {@code "must be a whole number >= 1"}
     * @param got the value as the user typed it
     */
    public BadValueException(String mustBe, String got) {
        super(mustBe + ", got " + Arguments.quote(got));
    }
}
