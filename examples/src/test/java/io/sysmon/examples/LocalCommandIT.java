package io.sysmon.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sysmon local} as a real process, with {@code sysmon shadow} as another one talking to it. */
class LocalCommandIT {

    private static final Duration EXIT = Duration.ofSeconds(60);

    @Test
    void localServesShadowTakesConsoleLinesAndStopsCleanlyOnSigterm(@TempDir Path dir) throws Exception {
        Path certs = dir.resolve("certs");
        Path data = dir.resolve("data");
        String port = Integer.toString(TestEndpoint.freePort());
        try (JarProcess local = JarProcess.start("local", "--port", port, "--certs-dir", certs.toString(),
                "--data-dir", data.toString(), "--devices", "2")) {
            String ca = certs.resolve("sysmon-local-ca.pem").toString();
            local.awaitOutLine(Pattern.quote("  Timestream records: " + data.resolve("timestream")
                    + "/ (one .jsonl file per table and day)"), EXIT);
            String howTo = local.awaitOutLine("  java -jar .* shadow .*", EXIT);
            assertTrue(howTo.contains(" --endpoint localhost --port " + port + " --certs-dir " + certs + " --ca-file "
                    + ca + " 10 my_iot_device_1"), howTo);

            try (JarProcess shadow = JarProcess.start("shadow", "--endpoint", "localhost", "--port", port,
                    "--certs-dir", certs.toString(), "--ca-file", ca, "--sampler", "fake", "--count", "2", "0.2",
                    "my_iot_device_2")) {
                assertEquals(0, shadow.waitForExit(EXIT), () -> String.join("\n", shadow.errLines()));
                assertEquals(List.of("my_iot_device_2 accepted version 1", "my_iot_device_2 accepted version 2"),
                        shadow.outLines());
            }
            Path table = data.resolve("timestream/aws_iot_demo/aws_iot_demo");
            TestEndpoint.await(EXIT, () -> recordLines(table) == 2 * 7, () -> "records in " + table + ": "
                    + recordLines(table));

            local.writeLine("set my_iot_device_2 interval=5");
            local.awaitOutLine(Pattern.quote("my_iot_device_2 accepted version 3: {\"desired\":{\"interval\":5}}"),
                    EXIT);

            local.sigterm();
            assertEquals(0, local.waitForExit(EXIT), () -> String.join("\n", local.errLines()));
            List<String> err = local.errLines();
            assertTrue(err.stream().anyMatch(l -> l.contains("SIGTERM received")), err::toString);
            JarProcess.assertNoStackTrace(err);
        }
        for (String file : List.of("sysmon-local-ca.pem", "my_iot_device_1-certificate.pem.crt",
                "my_iot_device_1-private.pem.key", "my_iot_device_2-certificate.pem.crt")) {
            assertTrue(Files.isRegularFile(certs.resolve(file)), file + " was not kept");
        }
    }

    /** @return how many records the day files of a Timestream table hold, counting every line */
    private static long recordLines(Path table) {
        if (!Files.isDirectory(table)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(table)) {
            long lines = 0;
            for (Path file : files.toList()) {
                lines += Files.readAllLines(file).size();
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aPortInUseIsOneLineNamingThePort(@TempDir Path certs) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
             JarProcess local = JarProcess.start("local", "--port", Integer.toString(taken.getLocalPort()),
                     "--certs-dir", certs.toString(), "--data-dir", certs.resolve("data").toString())) {
            assertEquals(1, local.waitForExit(EXIT));
            List<String> err = local.errLines();
            List<String> ours = err.stream().filter(l -> l.startsWith("sysmon local: ")).toList();
            assertEquals(List.of("sysmon local: port " + taken.getLocalPort() + " on 127.0.0.1 is already in use: "
                    + "stop whatever listens there, or choose another port"), ours, err::toString);
            JarProcess.assertNoStackTrace(err);
            assertEquals(List.of(), local.outLines());
        }
    }
}
