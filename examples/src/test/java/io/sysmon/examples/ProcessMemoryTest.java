package io.sysmon.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ProcessMemoryTest {

    @Test
    void readsRssAndPeakInKibibytes() {
        ProcessMemory m = ProcessMemory.parse(List.of("Name:\tjava", "VmPeak:\t 9000000 kB", "VmHWM:\t  812345 kB",
                "VmRSS:\t  800000 kB", "Threads:\t42"));
        assertEquals(OptionalLong.of(800_000L * 1024), m.rssBytes());
        assertEquals(OptionalLong.of(812_345L * 1024), m.peakRssBytes());
    }

    @Test
    void junkLeavesTheValueEmpty() {
        ProcessMemory m = ProcessMemory.parse(List.of("VmRSS:\t lots kB", "VmHWM:\t 12 MB"));
        assertEquals(OptionalLong.empty(), m.rssBytes());
        assertEquals(OptionalLong.empty(), m.peakRssBytes());
        assertEquals(OptionalLong.empty(), ProcessMemory.parse(List.of("VmRSS:\t -5 kB")).rssBytes());
        assertEquals(OptionalLong.empty(), ProcessMemory.parse(List.of()).rssBytes());
    }

    @Test
    void thisProcessHasSomeWhereProcExists() {
        assumeTrue(Files.exists(Path.of("/proc/self/status")), "needs /proc");
        assertTrue(ProcessMemory.now().rssBytes().orElseThrow() > 1024 * 1024);
    }
}
