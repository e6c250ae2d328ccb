package io.sysmon.examples;

import io.sysmon.MetricsPayload;
import io.sysmon.MetricsSampler;
import io.sysmon.examples.cli.Arguments;
import io.sysmon.examples.cli.FixedRateLoop;
import io.sysmon.examples.cli.Json;
import io.sysmon.examples.cli.SamplerOptions;
import io.sysmon.examples.cli.StopRequest;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Tutorial step 1: sample this machine's metrics every INTERVAL seconds and print each payload as one line of
 * JSON, like {@code python sysmon.py 10 my_iot_device_1}.
 */
@Command(name = "print",
        description = {"Tutorial step 1: sample this machine's metrics every INTERVAL seconds and print each "
                + "shadow payload as one JSON line on stdout (logs go to stderr). "
                + "Runs until Ctrl-C, or for N samples with --count.",
                "Example: sysmon print 10 my_iot_device_1"})
final class PrintCommand implements Callable<Integer> {

    @Mixin
    private SamplerOptions samplerOptions;

    @Option(names = "--count", paramLabel = "N", converter = Arguments.Count.class,
            description = "Stop after N samples (default: run until Ctrl-C).")
    private long count = Long.MAX_VALUE;

    @Parameters(index = "0", paramLabel = "INTERVAL", converter = Arguments.Interval.class,
            description = "Seconds between samples, fractions allowed (0.001 to 86400). The first sample is "
                    + "taken at once, then one every INTERVAL without drift.")
    private Duration interval;

    @Parameters(index = "1", paramLabel = "DEVICE_ID", converter = Arguments.ThingName.class,
            description = "The device's AWS IoT thing name, e.g. my_iot_device_1: "
                    + "1 to 128 characters from a-z A-Z 0-9 : _ -")
    private String deviceId;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Logger log = LoggerFactory.getLogger(PrintCommand.class);
        PrintWriter out = spec.commandLine().getOut();

        try (MetricsSampler sampler = samplerOptions.open(deviceId);
             StopRequest stop = StopRequest.onSignals()) {
            log.info("sampling {} every {} s with the {}",
                    deviceId, Arguments.seconds(interval), samplerOptions.describe(sampler));

            long printed = new FixedRateLoop(interval, count).run(stop, i -> {
                MetricsPayload payload = MetricsPayload.from(sampler.sample());
                out.println(Json.MAPPER.writeValueAsString(payload.fields()));
                if (out.checkError()) { // flushes; true when stdout is closed, e.g. by `| head -3`
                    log.info("stdout is closed; stopping");
                    return false;
                }
                return true;
            });
            log.debug("printed {} payload(s)", printed);
        }
        return 0;
    }
}
