package io.sysmon.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sysmon local}'s bad inputs, in-process: one line naming the problem and the fix. */
class LocalCommandTest {

    @Test
    void aDataDirectoryThatCannotBeCreatedIsOneLineNamingIt(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("not-a-dir"), "x");
        Path dataDir = file.resolve("data");

        CliRun r = CliRun.run("local", "--data-dir", dataDir.toString(), "--certs-dir",
                dir.resolve("certs").toString());

        assertEquals(1, r.exitCode, r::toString);
        assertEquals(List.of("sysmon local: cannot write to the data directory " + dataDir + " (" + file + " is a "
                + "file, not a directory): make it a writable directory, or choose another with --data-dir DIR"),
                r.errLines(), r::toString);
        assertEquals("", r.out);
        assertFalse(Files.exists(dir.resolve("certs")), "the endpoint started anyway");
    }

    @Test
    void aWebhookThatIsNotAnHttpUrlIsABadArgument(@TempDir Path dir) {
        CliRun r = CliRun.run("local", "--data-dir", dir.toString(), "--webhook", "ftp://example.com/hook");

        assertEquals(2, r.exitCode, r::toString);
        assertEquals("sysmon local: --webhook must be an http:// or https:// URL with a host, e.g. "
                + "http://localhost:9000/alerts, got 'ftp://example.com/hook'", r.errLines().get(0), r::toString);
    }

    @Test
    void helpNamesTheDataDirectoryAndTheWebhook() {
        CliRun r = CliRun.run("local", "--help");

        assertEquals(0, r.exitCode, r::toString);
        assertTrue(r.out.contains("--data-dir=DIR"), r::toString);
        assertTrue(r.out.replaceAll("\\s+", "").contains(System.getProperty("user.home") + "/.sysmon/local"),
                r::toString); // the help text may wrap the path
        assertTrue(r.out.contains("--webhook=URL"), r::toString);
    }
}
