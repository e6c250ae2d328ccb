package io.sysmon.examples.store;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A data directory cannot be created or written. The message is one line naming the directory, the reason and
 * the fix, e.g. {@code cannot write to the data directory /srv/sysmon (/srv/sysmon is a file, not a directory):
 * make it a writable directory, or choose another one}.
 */
public final class DataDirectoryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Path directory;
    private final String reason;

    /**
     * @param directory the directory that cannot be used
     * @param reason why, in a few words, e.g. {@code permission denied}
     * @param cause the underlying failure
     */
    public DataDirectoryException(Path directory, String reason, Throwable cause) {
        super("cannot write to the data directory " + directory + " (" + reason
                + "): make it a writable directory, or choose another one", cause);
        this.directory = Objects.requireNonNull(directory, "directory");
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** @return the directory that cannot be used */
    public Path directory() {
        return directory;
    }

    /** @return why, in a few words */
    public String reason() {
        return reason;
    }
}
