package io.sysmon.examples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/**
 * This process's resident memory as Linux reports it in {@code /proc/self/status}: {@code VmRSS} (now) and
 * {@code VmHWM} (the peak). Empty where there is no such file (other systems) or the line is missing.
 *
 * @param rssBytes resident set size now
 * @param peakRssBytes the largest resident set size so far
 */
record ProcessMemory(OptionalLong rssBytes, OptionalLong peakRssBytes) {

    private static final Path STATUS = Path.of("/proc/self/status");

    /** @return the process's memory now; both empty when {@code /proc/self/status} cannot be read */
    static ProcessMemory now() {
        try {
            return parse(Files.readAllLines(STATUS));
        } catch (IOException | RuntimeException e) {
            return new ProcessMemory(OptionalLong.empty(), OptionalLong.empty());
        }
    }

    /**
     * @param statusLines the lines of a {@code /proc/PID/status} file
     * @return the values found; a missing or malformed line leaves its value empty
     */
    static ProcessMemory parse(List<String> statusLines) {
        return new ProcessMemory(kilobytes(statusLines, "VmRSS:"), kilobytes(statusLines, "VmHWM:"));
    }

    /** @return e.g. {@code RSS 212 MiB (peak 230 MiB)}, or {@code RSS unknown} */
    static String describe() {
        ProcessMemory memory = now();
        if (memory.rssBytes().isEmpty()) {
            return "RSS unknown";
        }
        return "RSS " + (memory.rssBytes().getAsLong() >> 20) + " MiB"
                + (memory.peakRssBytes().isPresent() ? " (peak " + (memory.peakRssBytes().getAsLong() >> 20) + " MiB)"
                : "");
    }

    private static OptionalLong kilobytes(List<String> lines, String key) {
        for (String line : lines) {
            if (line.startsWith(key)) {
                String[] parts = line.substring(key.length()).trim().split("\\s+");
                if (parts.length == 2 && parts[1].equals("kB")) {
                    try {
                        long kib = Long.parseLong(parts[0]);
                        return kib < 0 ? OptionalLong.empty() : OptionalLong.of(Math.multiplyExact(kib, 1024L));
                    } catch (NumberFormatException | ArithmeticException e) {
                        return OptionalLong.empty();
                    }
                }
                return OptionalLong.empty();
            }
        }
        return OptionalLong.empty();
    }
}
