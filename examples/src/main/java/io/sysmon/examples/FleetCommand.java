package io.sysmon.examples;

import io.sysmon.MetricsSampler;
import io.sysmon.examples.cli.Arguments;
import io.sysmon.examples.cli.Cli;
import io.sysmon.examples.cli.ConnectionOptions;
import io.sysmon.examples.cli.SamplerOptions;
import io.sysmon.examples.cli.StopRequest;
import io.sysmon.examples.cli.ThingOptions;
import io.sysmon.shadow.DeviceShadowClient;
import io.sysmon.shadow.ShadowClientConfig;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Tutorial step 3 without a terminal per device: many things in one process, each with its own certificate and
 * connection. The first thing reports this machine's metrics, the others made-up ones (each its own). Doubles
 * as the fleet benchmark: the summary gives the accepted share, the latency and the memory per thing.
 */
@Command(name = "fleet",
        description = {"Tutorial step 3 in one process: report the metrics of many things at once, each with its "
                + "own certificate and MQTT connection. The first thing reports this machine's metrics, the others "
                + "fake ones (seeded by name, so each differs).",
                "Prints a status line on stderr every --status-every seconds, e.g. 'connected 998/1000, 1001.3 "
                        + "updates/s, accepted 60012, rejected 0, failed 0, queued 3, p99 42 ms', and one summary "
                        + "line on stdout at the end: totals, accepted %%, latency from update to accepted "
                        + "(p50/p90/p99/max) and this process's resident memory, in all and per thing.",
                "Runs until Ctrl-C, for --duration seconds, or for --count updates per thing, after an optional "
                        + "--warmup that is not counted.",
                "Benchmark (with 'sysmon local --devices 1000' running): sysmon fleet --endpoint localhost "
                        + "--port 8883 --ca-file certs/sysmon-local-ca.pem --devices 1000 --interval 1 --warmup 20 "
                        + "--duration 60"},
        footer = {"", "Exit status: 0 when every thing connected and at least 99.9 %% of the updates were accepted; "
                + "1 otherwise; 2 bad arguments."})
final class FleetCommand implements Callable<Integer> {

    private static final double ACCEPTED_PERCENT_REQUIRED = 99.9;
    private static final double MIB = 1024.0 * 1024.0;

    @Mixin
    private ConnectionOptions connection;

    @Mixin
    private ThingOptions things;

    @Mixin
    private SamplerOptions samplerOptions;

    @Option(names = "--interval", paramLabel = "SECONDS", converter = Arguments.Interval.class,
            description = "Seconds between two updates of one thing, fractions allowed. Default: 10, as in the "
                    + "tutorial; the benchmark uses 1.")
    private Duration interval = Duration.ofSeconds(10);

    @Option(names = "--duration", paramLabel = "SECONDS", converter = Arguments.Interval.class,
            description = "Stop sending after this many seconds, not counting --warmup (default: run until "
                    + "Ctrl-C).")
    private Duration duration;

    @Option(names = "--count", paramLabel = "N", converter = Arguments.Count.class,
            description = "Stop after N updates per thing, not counting --warmup (default: run until Ctrl-C).")
    private long count = Long.MAX_VALUE;

    @Option(names = "--warmup", paramLabel = "SECONDS", converter = Arguments.Interval.class,
            description = "Send for this many seconds first without counting it in the totals (its figures get a "
                    + "line of their own), so that both JVMs have compiled their hot code before measuring. "
                    + "Default: none.")
    private Duration warmUp;

    @Option(names = "--status-every", paramLabel = "SECONDS", converter = Arguments.Interval.class,
            description = "Seconds between two status lines on stderr. Default: 5.")
    private Duration statusEvery = Duration.ofSeconds(5);

    @Option(names = "--connect-concurrency", paramLabel = "N", converter = Arguments.Count.class,
            description = "How many things connect at once. Default: 16.")
    private long connectConcurrency = 16;

    @Spec
    private CommandSpec spec;

    private long cpuAtMeasuredStart;

    @Override
    public Integer call() throws Exception {
        Cli.logOnlyWarnings(DeviceShadowClient.class.getName()); // not "connected" a thousand times
        Logger log = LoggerFactory.getLogger(FleetCommand.class);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<String> names = things.names();
        List<ShadowClientConfig> configs = names.stream().map(name -> connection.config(name).build()).toList();
        ProcessMemory atStart = ProcessMemory.now();
        Fleet.Totals totals;
        Summary summary;

        try (MetricsSampler machine = samplerOptions.open(names.get(0));
             StopRequest stop = StopRequest.onSignals();
             Fleet fleet = new Fleet(count, (int) Math.min(connectConcurrency, 1024))) {
            long connecting = System.nanoTime();
            int connected = fleet.connect(configs, name -> name.equals(names.get(0)) ? machine
                    : SamplerOptions.fake(name), stop, statusEvery, line -> status(err, line));
            log.info("connected {}/{} things to {}:{} in {} s; {} with the {}, the rest with fake samplers",
                    connected, names.size(), connection.endpoint(), connection.port(),
                    seconds(System.nanoTime() - connecting), names.get(0), samplerOptions.describe(machine));

            cpuAtMeasuredStart = cpuNanos();
            if (!stop.isRequested()) {
                fleet.start(interval, warmUp != null);
                runUntilDone(fleet, stop, err);
            }
            fleet.stopSending();
            long cpuWhileSending = cpuNanos() - cpuAtMeasuredStart;
            fleet.awaitAnswers(stop.answerWait(configs.get(0).responseTimeout()));
            totals = fleet.totals();
            summary = new Summary(cpuWhileSending, atStart, ProcessMemory.now());
        }
        out.println(summary.line(totals));
        out.flush();
        boolean ok = totals.connected() == totals.things() && totals.unanswered() == 0
                && totals.acceptedPercent() >= ACCEPTED_PERCENT_REQUIRED;
        return ok ? 0 : 1;
    }

    /**
     * Prints a status line every --status-every, ends the warm-up when it is up, and returns when the duration is
     * up, every thing sent --count, or on Ctrl-C.
     */
    private void runUntilDone(Fleet fleet, StopRequest stop, PrintWriter err) throws InterruptedException {
        long every = statusEvery.toNanos();
        long start = System.nanoTime();
        long nextStatus = start + every;
        boolean warming = warmUp != null;
        long measureFrom = start + (warming ? warmUp.toNanos() : 0);
        StopRequest.Registration link = stop.whenRequested(fleet.done()::request);
        try {
            while (!fleet.done().isRequested()) {
                long now = System.nanoTime();
                if (warming && now - measureFrom >= 0) {
                    status(err, fleet.endWarmUp());
                    cpuAtMeasuredStart = cpuNanos();
                    warming = false;
                    nextStatus = now + every;
                    continue;
                }
                long left = warming ? measureFrom - now
                        : duration == null ? Long.MAX_VALUE : measureFrom + duration.toNanos() - now;
                if (!warming && left <= 0) {
                    break;
                }
                if (now - nextStatus >= 0) {
                    status(err, fleet.status());
                    nextStatus += every;
                } else {
                    fleet.done().await(Math.min(nextStatus - now, left));
                }
            }
        } finally {
            link.close();
        }
    }

    private static void status(PrintWriter err, String line) {
        err.println(line);
        err.flush();
    }

    private static long cpuNanos() {
        return ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f", nanos / 1e9);
    }

    /** The end-of-run measurements that are not counts. */
    private record Summary(long cpuNanos, ProcessMemory atStart, ProcessMemory atEnd) {

        String line(Fleet.Totals t) {
            StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                    "fleet: %d things, %d connected; %d updates in %s s (%.1f/s): %d accepted (%s %%), %d rejected, "
                            + "%d failed, %d unanswered; update to accepted p50 %s ms, p90 %s ms, p99 %s ms, "
                            + "max %s ms",
                    t.things(), t.connected(), t.sent(), seconds(t.sending().toNanos()),
                    t.sent() / Math.max(1e-9, t.sending().toNanos() / 1e9), t.accepted(),
                    percent(t.acceptedPercent()), t.rejected(), t.failed(), t.unanswered(),
                    Fleet.millis(t.p50Micros()), Fleet.millis(t.p90Micros()), Fleet.millis(t.p99Micros()),
                    Fleet.millis(t.maxMicros())));
            int per = Math.max(1, t.connected());
            atEnd.rssBytes().ifPresent(rss -> {
                sb.append(String.format(Locale.ROOT, "; RSS %.0f MiB", rss / MIB));
                atEnd.peakRssBytes().ifPresent(peak -> sb.append(String.format(Locale.ROOT, " (peak %.0f MiB)",
                        peak / MIB)));
                sb.append(String.format(Locale.ROOT, ", %.2f MiB per thing", rss / MIB / per));
                atStart.rssBytes().ifPresent(before -> sb.append(String.format(Locale.ROOT,
                        " (%.2f MiB per thing over the %.0f MiB before connecting)", (rss - before) / MIB / per,
                        before / MIB)));
            });
            if (cpuNanos >= 0 && t.sending().toNanos() > 0) {
                sb.append(String.format(Locale.ROOT, "; CPU %.0f %% of one core while sending",
                        100.0 * cpuNanos / t.sending().toNanos()));
            }
            return sb.toString();
        }

        /** Rounded down, so 99.9996 % never shows as 100.000 %. */
        private static String percent(double value) {
            return java.math.BigDecimal.valueOf(value).setScale(3, java.math.RoundingMode.DOWN).toPlainString();
        }
    }
}
