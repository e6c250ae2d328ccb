package io.sysmon.examples;

import io.sysmon.FakeMetricsSampler;
import io.sysmon.examples.cli.Arguments;
import io.sysmon.examples.cli.CommandFailedException;
import io.sysmon.examples.cli.SamplerOptions;
import io.sysmon.examples.cli.StopRequest;
import io.sysmon.examples.cli.ThingOptions;
import io.sysmon.examples.dashboard.DashboardServer;
import io.sysmon.examples.dashboard.PortInUseException;
import io.sysmon.examples.rules.local.LocalCloud;
import io.sysmon.shadow.local.LocalIotEndpoint;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The whole tutorial on one machine: the local endpoint, three devices reporting to their shadows, the shipped
 * rules writing a local time-series store, S3 folder and alerts, and a live web dashboard over them.
 */
@Command(name = "demo",
        description = {"The whole tutorial on one machine, no AWS account: an AWS-IoT-compatible endpoint, three "
                + "devices (my_iot_device_1 samples this machine; 2 and 3 are fake, 3 with a temperature and CPU "
                + "spike every few minutes), the shipped rules with local actions (Timestream-style store, S3 "
                + "folder, alerts), and a live dashboard on http://localhost:PORT/. Data is kept in DIR across "
                + "restarts. Runs until Ctrl-C.",
                "While it runs, stdin takes 'stop THING' and 'start THING' (a device that stops leaves a gap in "
                        + "its charts), 'set THING interval=SECONDS' (the device follows its shadow's desired "
                        + "interval) and 'get THING'.",
                "Example: sysmon demo --port 8080"})
final class DemoCommand implements Callable<Integer> {

    static final List<String> THINGS = List.copyOf(ThingOptions.numbered(3));
    /** The first spike starts early, so that a newcomer sees the alert fire and clear within half a minute. */
    private static final int SPIKE_AT = 3;
    private static final int SPIKE_LENGTH = 4;

    @Option(names = "--port", paramLabel = "PORT", converter = Arguments.Port.class,
            description = "The dashboard's HTTP port on localhost. Default: 8080.")
    private int port = 8080;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "${sys:user.home}/.sysmon/demo",
            description = "Where the store, S3 folder, alerts, shadows and the endpoint's certificates live "
                    + "(created if missing; kept across runs). Default: ${DEFAULT-VALUE}.")
    private Path dataDir;

    @Option(names = "--webhook", paramLabel = "URL", converter = LocalCommand.WebhookUrl.class,
            description = "Also POST each alert (fired and resolved) as JSON to this http(s) URL.")
    private URI webhook;

    @Option(names = "--interval", paramLabel = "SECONDS", converter = Arguments.Interval.class,
            description = "Seconds between two reports of one device (the tutorial uses 10). Default: 2.")
    private Duration interval = Duration.ofSeconds(2);

    @Option(names = "--mqtt-port", paramLabel = "PORT", converter = Arguments.Port.class, hidden = true,
            description = "The endpoint's TLS port. Default: a free one.")
    private int mqttPort;

    @Option(names = "--spike-every", paramLabel = "N", hidden = true,
            description = "my_iot_device_3 spikes for " + SPIKE_LENGTH + " reports out of every N, the first time "
                    + "after " + SPIKE_AT + " reports. Default: 90.")
    private int spikeEvery = 90;

    @Mixin
    private SamplerOptions samplerOptions;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Logger log = LoggerFactory.getLogger(DemoCommand.class);
        PrintWriter out = spec.commandLine().getOut();
        if (spikeEvery < 10) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--spike-every must be >= 10");
        }

        try (LocalCloud cloud = LocalCommand.openCloud(dataDir, webhook);
             LocalIotEndpoint endpoint = LocalIotEndpoint.builder().host("127.0.0.1").port(mqttPort)
                     .certsDir(cloud.dataDir().resolve("certs"))
                     .shadowStateFile(cloud.dataDir().resolve("shadows.json"))
                     .build();
             DashboardServer dashboard = DashboardServer.builder().port(port)
                     .metrics(cloud.store()).alerts(cloud.alerts())
                     .shadows(thing -> endpoint.shadowDocument(thing, Optional.empty()))
                     .build();
             StopRequest stop = StopRequest.onSignals()) {
            startDashboard(dashboard);
            cloud.attachTo(endpoint);
            endpoint.start();

            try (DemoDevices devices = new DemoDevices(endpoint, interval)) {
                Clock clock = Clock.systemUTC();
                devices.start(List.of(
                        new DemoDevices.Device(THINGS.get(0), samplerOptions.open(THINGS.get(0))),
                        new DemoDevices.Device(THINGS.get(1), FakeMetricsSampler.builder().seed(2)
                                .scenario(FakeMetricsSampler.Scenario.RANDOM_WALK).clock(clock).build()),
                        new DemoDevices.Device(THINGS.get(2),
                                DemoDevices.repeatingSpike(3, SPIKE_AT, SPIKE_LENGTH, spikeEvery, clock))));

                out.println("sysmon demo: dashboard on " + dashboard.uri());
                out.println("  3 devices report every " + Arguments.seconds(interval) + " s to the local endpoint "
                        + "on localhost:" + endpoint.port() + "; " + THINGS.get(2) + " spikes after "
                        + Arguments.seconds(interval.multipliedBy(SPIKE_AT)) + " s, then every "
                        + Arguments.seconds(interval.multipliedBy(spikeEvery)) + " s");
                out.println("  data in " + cloud.dataDir() + "; alerts in "
                        + cloud.alerts().logFile() + (webhook == null ? "" : " and to " + webhook));
                out.println("  type 'stop THING', 'start THING', 'set THING interval=5' or 'get THING'; "
                        + "Ctrl-C stops");
                out.flush();
                new LocalConsole(endpoint, out, line -> demoCommand(devices, line)).serve(System.in);

                Duration status = Duration.ofSeconds(30);
                while (!stop.await(status.toNanos())) {
                    log.info("{} updates accepted, {} failed; {} alerts firing; {}", devices.accepted(),
                            devices.failed(), cloud.alerts().alerts(Instant.now()).stream().filter(a -> a.firing())
                                    .count(), ProcessMemory.describe());
                }
                log.info("stopping the demo");
            }
        }
        return 0;
    }

    /** @return the answer to a demo console line, or empty when it is not a demo command */
    static Optional<String> demoCommand(DemoDevices devices, String line) {
        String[] words = line.strip().split("\\s+");
        if (words.length != 2 || !(words[0].equals("stop") || words[0].equals("start"))) {
            return Optional.empty();
        }
        boolean stop = words[0].equals("stop");
        boolean changed = stop ? devices.stop(words[1]) : devices.resume(words[1]);
        if (!devices.things().contains(words[1])) {
            return Optional.of("? no such device: " + words[1] + " (one of " + String.join(", ", THINGS) + ")");
        }
        return Optional.of(words[1] + (changed ? (stop ? " stopped" : " reports again")
                : (stop ? " was already stopped" : " was already reporting")));
    }

    private void startDashboard(DashboardServer dashboard) {
        try {
            dashboard.start();
        } catch (PortInUseException e) {
            throw new CommandFailedException(e.getMessage(), e);
        }
    }
}
