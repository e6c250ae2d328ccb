package io.sysmon.sysfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sysmon.SamplerException;
import io.sysmon.SysfsMetricsSampler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A root that is not a Linux procfs fails at construction, naming the path and the fix. */
class SysfsConstructionTest {

    private static final String FIX = "pass the root of a filesystem that holds proc/ and sys/";

    @TempDir
    Path dir;

    @Test
    void directoryWithoutProcStat() {
        SamplerException e = assertThrows(SamplerException.class, () -> new SysfsMetricsSampler(dir));
        assertEquals("no Linux procfs at " + dir.resolve("proc/stat") + ": " + FIX, e.getMessage());
        assertTrue(e.getCause() instanceof IOException, "keeps the cause: " + e.getCause());
    }

    @Test
    void fileInsteadOfADirectory() throws IOException {
        Path file = Files.writeString(dir.resolve("not-a-root"), "x");
        SamplerException e = assertThrows(SamplerException.class, () -> new SysfsMetricsSampler(file));
        assertEquals("no Linux procfs at " + file.resolve("proc/stat") + ": " + file + " is not a directory; " + FIX,
                e.getMessage());
    }

    @Test
    void procStatWithoutACpuLine() throws IOException {
        Files.createDirectories(dir.resolve("proc"));
        Files.writeString(dir.resolve("proc/stat"), "intr 0 0 0\nctxt 1\n");
        SamplerException e = assertThrows(SamplerException.class, () -> new SysfsMetricsSampler(dir));
        assertEquals("no Linux procfs at " + dir.resolve("proc/stat")
                + ": it does not start with an aggregate 'cpu ' line; " + FIX, e.getMessage());
    }

    @Test
    void procStatThatIsADirectory() throws IOException {
        Files.createDirectories(dir.resolve("proc/stat"));
        SamplerException e = assertThrows(SamplerException.class, () -> new SysfsMetricsSampler(dir));
        assertTrue(e.getMessage().startsWith("no Linux procfs at " + dir.resolve("proc/stat") + ":"), e.getMessage());
    }

    @Test
    void nullArgumentsAreNamed() {
        NullPointerException e = assertThrows(NullPointerException.class, () -> new SysfsMetricsSampler(null));
        assertTrue(e.getMessage().contains("root"), e.getMessage());
        Path root = TreeFixture.copy("vm-nosensors", dir);
        e = assertThrows(NullPointerException.class, () -> new SysfsMetricsSampler(root, null));
        assertTrue(e.getMessage().contains("clock"), e.getMessage());
    }
}
