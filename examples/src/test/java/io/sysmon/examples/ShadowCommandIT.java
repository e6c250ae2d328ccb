package io.sysmon.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sysmon shadow} as a real process against the local endpoint in this JVM. */
class ShadowCommandIT {

    private static final Duration BOUND = Duration.ofSeconds(60);

    @Test
    void aDesiredIntervalChangesTheRateAtRunTimeAndIsReportedBack(@TempDir Path dir) throws Exception {
        try (TestEndpoint local = new TestEndpoint(dir, "delta_device");
             JarProcess shadow = JarProcess.start(local.command("shadow", "--sampler", "fake", "0.5",
                     "delta_device"))) {
            TestEndpoint.await(BOUND, () -> reported(local).path("interval").asDouble() == 0.5,
                    () -> "no first update with the interval: " + local.shadow("delta_device"));

            local.desire("delta_device", "interval", "0.2");

            TestEndpoint.await(BOUND, () -> reported(local).path("interval").asDouble() == 0.2
                    && local.shadow("delta_device").path("state").path("delta").isMissingNode(),
                    () -> "the interval was not reported back: " + local.shadow("delta_device"));
            long version = local.shadow("delta_device").path("version").asLong();
            TestEndpoint.await(BOUND, () -> local.shadow("delta_device").path("version").asLong() >= version + 5,
                    () -> "no updates after the change");

            shadow.sigterm();
            assertEquals(0, shadow.waitForExit(BOUND), () -> String.join("\n", shadow.errLines()));
            List<String> err = shadow.errLines();
            assertTrue(err.stream().anyMatch(l -> l.contains(
                    "delta_device: sampling interval changed from 0.5 s to 0.2 s")), err::toString);
            JarProcess.assertNoStackTrace(err);
            List<String> out = shadow.outLines();
            assertFalse(out.isEmpty(), "no answer lines on stdout");
            assertTrue(out.stream().allMatch(l -> l.matches("delta_device accepted version \\d+")), out::toString);
        }
    }

    private static JsonNode reported(TestEndpoint local) {
        return local.shadow("delta_device").path("state").path("reported");
    }
}
