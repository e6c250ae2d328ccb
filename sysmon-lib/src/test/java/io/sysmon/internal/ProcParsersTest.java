package io.sysmon.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProcParsersTest {

    private static final String STAT = """
            cpu  4626 0 1365 49544 146 0 48 481 0 0
            cpu0 2114 0 559 25165 12 0 14 239 0 0
            cpu1 2511 0 806 24378 133 0 33 242 0 0
            intr 282121 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0
            ctxt 737222
            btime 1795814411
            processes 8742
            procs_running 4
            procs_blocked 0
            softirq 128543 0 20223 4 6684 15585 0 31 43062 0 42954
            """;

    @Test
    void parsesTheAggregateLine() {
        assertEquals(Optional.of(new CpuTicks(4626, 0, 1365, 49544, 146, 0, 48, 481)), ProcParsers.parseCpuTicks(STAT));
    }

    @Test
    void oldKernelsWithFewerFieldsCountTheMissingOnesAsZero() {
        // 2.4 kernels: user nice system idle only.
        assertEquals(Optional.of(new CpuTicks(100, 2, 30, 900, 0, 0, 0, 0)),
                ProcParsers.parseCpuTicks("cpu  100 2 30 900\ncpu0 100 2 30 900\n"));
    }

    @Test
    void aTruncatedFirstLineStillParsesWhatIsThere() {
        assertEquals(Optional.of(new CpuTicks(4626, 0, 1365, 49544, 146, 0, 0, 0)),
                ProcParsers.parseCpuTicks("cpu  4626 0 1365 49544 146"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\n", "cpu", "cpu ", "cpu  1 2 3", "cpu0 1 2 3 4 5 6 7 8", "intr 1 2 3 4 5",
        "cpu  a b c d e", "cpu  1 2 3 -4 5 6 7 8", "cpu  1 2 3 NaN 5", "cpu  1 2 3 99999999999999999999 5",
        "cpu  9223372036854775807 9223372036854775807 1 1", "cpu  1.5 2 3 4", "CPU  1 2 3 4", " cpu  1 2 3 4",
        "ctxt 1\ncpu  1 2 3 4 5 6 7 8\n"})
    void junkStatIsEmpty(String junk) {
        assertTrue(ProcParsers.parseCpuTicks(junk).isEmpty(), "'" + junk + "'");
    }

    @Test
    void cpuUsageFromTwoSnapshots() {
        CpuUsageTracker tracker = new CpuUsageTracker();
        tracker.update(ProcParsers.parseCpuTicks(STAT).orElseThrow());
        CpuTicks later = ProcParsers.parseCpuTicks(
                "cpu  5126 10 1465 50344 166 0 58 491 400 0\ncpu0 1 1 1 1 1 1 1 1 0 0\n").orElseThrow();

        // Deltas: user 500, nice 10, system 100, idle 800, iowait 20, irq 0, softirq 10, steal 10. guest (400) is
        // already inside user and is not added.
        double expected = 100.0 * (500 + 10 + 100 + 0 + 10 + 10) / (500 + 10 + 100 + 800 + 20 + 0 + 10 + 10);
        assertEquals(expected, tracker.update(later).getAsDouble(), 1e-9);
    }

    @Test
    void meminfoWithMemAvailable() {
        Meminfo m = ProcParsers.parseMeminfo("""
                MemTotal:       24684096 kB
                MemFree:        24375080 kB
                MemAvailable:   24369196 kB
                Buffers:            3288 kB
                Cached:           195612 kB
                HugePages_Total:       0
                """);
        assertEquals(OptionalLong.of(24684096L * 1024), m.totalBytes());
        assertEquals(OptionalLong.of((24684096L - 24369196L) * 1024), m.usedBytes());
    }

    @Test
    void meminfoBefore314FallsBackToFreeBuffersCached() {
        Meminfo m = ProcParsers.parseMeminfo("""
                MemTotal:        8038856 kB
                MemFree:         1000000 kB
                Buffers:          200000 kB
                Cached:          3000000 kB
                SwapCached:            0 kB
                """);
        assertEquals(OptionalLong.of((8038856L - 1000000 - 200000 - 3000000) * 1024), m.usedBytes());
    }

    @Test
    void meminfoOrderDoesNotMatter() {
        Meminfo m = ProcParsers.parseMeminfo("MemAvailable: 10 kB\nCached: 1 kB\nMemTotal: 30 kB\n");
        assertEquals(OptionalLong.of(30 * 1024), m.totalBytes());
        assertEquals(OptionalLong.of(20 * 1024), m.usedBytes());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "\n", "garbage", "MemTotal:", "MemTotal: abc kB", "MemTotal: -5 kB",
        "MemTotal: 0 kB\nMemAvailable: 0 kB", "MemTotal: 99999999999999999999 kB", "MemTotal: 9223372036854775807 kB",
        "MemTotal: 100", "MemTotal: 100 MB", "MemTotal 100 kB", "MemTotalX: 100 kB\nMemAvailable: 1 kB"})
    void junkMeminfoHasNoTotal(String junk) {
        Meminfo m = ProcParsers.parseMeminfo(junk);
        assertTrue(m.totalBytes().isEmpty(), "'" + junk + "'");
        assertTrue(m.usedBytes().isEmpty(), "'" + junk + "'");
    }

    @Test
    void meminfoWithTotalButNothingElseHasNoUsed() {
        assertTrue(ProcParsers.parseMeminfo("MemTotal: 100 kB\nMemFree:  ").usedBytes().isEmpty());
        assertTrue(ProcParsers.parseMeminfo("MemTotal: 100 kB\nMemFree: 1 kB\nBuffers: 1 kB\n").usedBytes().isEmpty());
        // More available than total is junk, not a negative amount used.
        assertTrue(ProcParsers.parseMeminfo("MemTotal: 100 kB\nMemAvailable: 101 kB\n").usedBytes().isEmpty());
        assertTrue(ProcParsers.parseMeminfo(null).totalBytes().isEmpty());
    }

    @Test
    void cpuinfoMhzMean() {
        String cpuinfo = """
                processor\t: 0
                model name\t: Intel(R) Xeon(R) Processor
                cpu MHz\t\t: 2300.000
                flags\t\t: fpu vme de pse
                
                processor\t: 1
                cpu MHz\t\t: 2100.500
                """;
        assertEquals(OptionalDouble.of((2300.0 + 2100.5) / 2), ProcParsers.meanCpuMhz(cpuinfo));
    }

    @Test
    void cpuinfoJunkLinesAreSkipped() {
        assertEquals(OptionalDouble.of(2000.0), ProcParsers.meanCpuMhz(
                "cpu MHz\t: NaN\ncpu MHz\t: \ncpu MHz\t: abc\ncpu MHz\t: -3\ncpu MHz\t: 0\ncpu MHz\t: 2000.000\n"
                        + "cpu MHz dynamic : 5200\nx cpu MHz: 9\ncpu MHz\t: 2000.0.0\ncpu MHz"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "\n", "processor : 0\nBogoMIPS : 108.00\nFeatures : fp asimd\n", "cpu MHz",
        "cpu MHz :", "cpu MHz : NaN", "cpu MHz : Infinity", "cpu MHz : 1e3", "cpu MHz dynamic : 5200"})
    void cpuinfoWithoutUsableMhzIsEmpty(String junk) {
        assertTrue(ProcParsers.meanCpuMhz(junk).isEmpty(), "'" + junk + "'");
    }
}
