package io.sysmon.examples;

import io.sysmon.MetricsPayload;
import io.sysmon.MetricsSampler;
import io.sysmon.examples.cli.Arguments;
import io.sysmon.examples.cli.ConnectionOptions;
import io.sysmon.examples.cli.FixedRateLoop;
import io.sysmon.examples.cli.SamplerOptions;
import io.sysmon.examples.cli.StopRequest;
import io.sysmon.shadow.DeviceShadowClient;
import io.sysmon.shadow.ShadowClientConfig;
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
 * Tutorial step 2: sample this machine's metrics every INTERVAL seconds and report each payload as an update of
 * the device's AWS IoT shadow, like the tutorial's {@code python main.py 10 my_iot_device_1} with
 * {@code AWS_IOT_HOST} and {@code CERTS_DIR} set. A desired {@code interval} in the shadow changes the rate.
 */
@Command(name = "shadow",
        description = {"Tutorial step 2: sample this machine's metrics every INTERVAL seconds and report each "
                + "payload as an update of DEVICE_ID's shadow on AWS IoT (MQTT 5, mutual TLS). Prints one line per "
                + "update when its answer arrives, e.g. 'my_iot_device_1 accepted version 12' (logs go to stderr). "
                + "Runs until Ctrl-C, or for N samples with --count (exit 1 then if any was not accepted).",
                "A desired 'interval' (seconds) in the shadow changes the rate at run time; the device reports its "
                        + "interval back in the next update, and in its first.",
                "Example: AWS_IOT_HOST=abc123-ats.iot.us-east-1.amazonaws.com sysmon shadow 10 my_iot_device_1"})
final class ShadowCommand implements Callable<Integer> {

    @Mixin
    private SamplerOptions samplerOptions;

    @Mixin
    private ConnectionOptions connection;

    @Option(names = "--count", paramLabel = "N", converter = Arguments.Count.class,
            description = "Stop after N samples, once each update is answered (default: run until Ctrl-C).")
    private long count = Long.MAX_VALUE;

    @Parameters(index = "0", paramLabel = "INTERVAL", converter = Arguments.Interval.class,
            description = "Seconds between samples, fractions allowed (0.001 to 86400).")
    private Duration interval;

    @Parameters(index = "1", paramLabel = "DEVICE_ID", converter = Arguments.ThingName.class,
            description = "The device's AWS IoT thing name, e.g. my_iot_device_1; also the MQTT client ID.")
    private String deviceId;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Logger log = LoggerFactory.getLogger(ShadowCommand.class);
        ShadowClientConfig config = connection.config(deviceId).build();
        FixedRateLoop loop = new FixedRateLoop(interval, count);
        ShadowInterval shadowInterval = new ShadowInterval(deviceId, loop);
        UpdateAnswers answers = new UpdateAnswers(deviceId, spec.commandLine().getOut(), loop);

        try (MetricsSampler sampler = samplerOptions.open(deviceId);
             DeviceShadowClient shadow = DeviceShadowClient.init(config);
             StopRequest stop = StopRequest.onSignals()) {
            shadow.onDelta(shadowInterval::onDelta); // subscribed before reading, so no change slips between
            shadowInterval.applyPending(shadow, ShadowInterval.READ_TIMEOUT);
            log.info("updating {}'s shadow on {}:{} every {} s with the {}", deviceId, config.endpoint(),
                    config.port(), Arguments.seconds(loop.interval()), samplerOptions.describe(sampler));

            loop.run(stop, i -> {
                answers.track(shadow.update(shadowInterval.reported(MetricsPayload.from(sampler.sample()))));
                if (answers.outClosed()) {
                    log.info("stdout is closed; stopping");
                    return false;
                }
                return true;
            });
            answers.awaitAll(stop.answerWait(config.responseTimeout()));
        }
        answers.awaitAll(Duration.ofSeconds(5)); // close() fails what is still unanswered: print those too
        log.debug("{}", answers.summary());
        return count == Long.MAX_VALUE || answers.allAccepted() ? 0 : 1;
    }
}
