package io.sysmon.examples.cli;

/**
 * A command cannot go on for a reason the user can fix (a bad {@code --fs-root}, a missing certificate). The
 * error handler in {@link Cli} prints {@code sysmon COMMAND: MESSAGE} as one line, without a stack trace, and
 * exits with status 1; {@code --verbose} adds the cause's stack trace.
 */
public final class CommandFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message one line naming what is wrong (the path, the setting) and, where it helps, the fix
     * @param cause the underlying failure, kept for {@code --verbose}
     */
    public CommandFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
