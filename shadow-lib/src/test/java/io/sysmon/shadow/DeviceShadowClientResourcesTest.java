package io.sysmon.shadow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.crt.CrtResource;

/**
 * {@code close()} frees every native resource the client took. Needs the CRT's resource tracking, which the
 * build turns on with {@code -Daws.crt.debugnative=true} for this module's tests.
 */
class DeviceShadowClientResourcesTest {

    @TempDir
    Path dir;

    @Test
    void closeLeavesNoNativeResourcesAllocated() throws Exception {
        assumeTrue(Boolean.getBoolean("aws.crt.debugnative"), "run with -Daws.crt.debugnative=true");
        try (LocalEndpointFixture local = new LocalEndpointFixture(dir)) {
            ShadowClientConfig config = local.configFor("native_device").build();
            // The first client loads the CRT's process-wide singletons (event loops, host resolver); they stay.
            try (DeviceShadowClient warmUp = DeviceShadowClient.init(config)) {
                warmUp.update(Map.of("warm", true)).get(20, TimeUnit.SECONDS);
            }
            List<String> baseline = stableResources();

            for (int i = 0; i < 3; i++) {
                try (DeviceShadowClient client = DeviceShadowClient.init(config)) {
                    client.update(Map.of("round", i)).get(20, TimeUnit.SECONDS);
                    assertTrue(resources().size() > baseline.size(), "a live client should hold native resources");
                }
            }
            List<String> after = awaitAtMost(baseline.size());
            assertEquals(baseline.size(), after.size(), "native resources left after close: " + after);
        }
    }

    /** Native release finishes on the CRT's own threads: wait (bounded) until two reads 200 ms apart agree. */
    private static List<String> stableResources() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        List<String> previous;
        List<String> now = resources();
        do {
            previous = now;
            TimeUnit.MILLISECONDS.sleep(200);
            now = resources();
        } while (now.size() != previous.size() && System.nanoTime() < deadline);
        return now;
    }

    /** Waits (bounded) until no more than {@code count} native resources remain. */
    private static List<String> awaitAtMost(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        List<String> now = resources();
        while (now.size() > count && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(50);
            now = resources();
        }
        return now;
    }

    private static List<String> resources() {
        List<String> found = new ArrayList<>();
        CrtResource.collectNativeResources(found::add);
        return found;
    }
}
