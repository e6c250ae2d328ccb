package io.sysmon.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SmallFileReaderTest {

    @TempDir
    Path dir;

    @Test
    void readsWholeSmallFiles() throws IOException {
        Path file = Files.writeString(dir.resolve("temp1_input"), "45000\n");
        assertEquals("45000\n", SmallFileReader.read(file, SmallFileReader.ATTRIBUTE_LIMIT));
        assertEquals("", SmallFileReader.read(Files.writeString(dir.resolve("empty"), ""), 10));
    }

    @Test
    void growsPastTheFirstBufferAndStopsAtTheLimit() throws IOException {
        String big = "x".repeat(100_000);
        Path file = Files.writeString(dir.resolve("cpuinfo"), big);
        assertEquals(big, SmallFileReader.read(file, 1_000_000));
        assertEquals(big.substring(0, 20_000), SmallFileReader.read(file, 20_000));
        assertEquals("x", SmallFileReader.read(file, 1));
    }

    @Test
    void nonAsciiBytesDoNotFailDecoding() throws IOException {
        Path file = Files.write(dir.resolve("label"), new byte[] {'C', (byte) 0xff, '\n'});
        assertEquals(3, SmallFileReader.read(file, 64).length());
    }

    @Test
    void missingFilesAndDirectoriesThrowIoException() {
        assertThrows(IOException.class, () -> SmallFileReader.read(dir.resolve("missing"), 64));
        assertThrows(IOException.class, () -> SmallFileReader.read(dir, 64));
        assertThrows(IllegalArgumentException.class, () -> SmallFileReader.read(dir, 0));
    }

    @Test
    void readsProcfsWhoseReportedSizeIsZero() throws IOException {
        Path stat = Path.of("/proc/self/stat");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isReadable(stat), "needs Linux /proc");
        assertEquals(0, Files.size(stat));
        String text = SmallFileReader.read(stat, 4096);
        assertEquals(true, text.length() > 10, text);
    }
}
