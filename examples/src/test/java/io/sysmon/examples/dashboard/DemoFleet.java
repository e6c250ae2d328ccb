package io.sysmon.examples.dashboard;

import io.sysmon.examples.alerts.Alert;
import io.sysmon.examples.store.TimeSeriesStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Three devices' plausible metrics, for the browser test, the README's screenshot and the latency check: a
 * laptop idling, a machine whose CPU ran hot 30 to 38 minutes ago (an alert fired and resolved), and one that has
 * been at full CPU for the last 4 minutes (an alert still firing) and went silent for 3 minutes 50 minutes ago.
 * Deterministic: the same arguments give the same data. The metrics are in the real time-series store, in a
 * directory of the caller's; {@link #close()} closes it.
 */
final class DemoFleet implements AutoCloseable {

    static final List<String> DEVICES = List.of("my_iot_device_1", "my_iot_device_2", "my_iot_device_3");
    static final String RULE = "shadow-alerts-to-sns";
    private static final double TEMP_MAX = 80;
    private static final double CPU_MAX = 90;
    private static final long GiB = 1L << 30;

    final TimeSeriesStore metrics;
    final InMemoryAlerts alerts = new InMemoryAlerts();
    final Map<String, String> shadows = new LinkedHashMap<>();

    /**
     * @param dataDir where the store keeps its files
     * @param now the end of the data
     * @param span how far back it goes
     * @param interval the sampling interval
     */
    DemoFleet(Path dataDir, Instant now, Duration span, Duration interval) {
        metrics = TimeSeriesStore.open(dataDir, Clock.fixed(now, java.time.ZoneOffset.UTC));
        for (int d = 0; d < DEVICES.size(); d++) {
            generate(d, now, span, interval);
        }
    }

    private void generate(int d, Instant now, Duration span, Duration interval) {
        String device = DEVICES.get(d);
        Random random = new Random(42 + d);
        long ramTotal = (d == 2 ? 16 : 8) * GiB;
        long steps = span.toMillis() / interval.toMillis();
        double ram = new double[] {0.46, 0.58, 0.71}[d];
        Instant firedAt = null;
        String firedMessage = null;
        Map<String, Object> last = new LinkedHashMap<>();
        for (long s = steps; s >= 0; s--) {
            Instant t = now.minus(interval.multipliedBy(s)).minusMillis(d * 1500L);
            double minutesAgo = s * interval.toMillis() / 60_000.0;
            if (d == 2 && minutesAgo > 47 && minutesAgo < 50) {
                continue; // device 3 was off the network
            }
            double cpu = cpuUsage(d, minutesAgo, random);
            double temp = 38 + d * 4 + cpu * 0.32 + random.nextGaussian() * 0.6;
            if (d == 1 && minutesAgo >= 30 && minutesAgo <= 38) {
                temp += 28 * Math.sin(Math.PI * (38 - minutesAgo) / 8); // a stuck fan: the CPU ran hot
            }
            double freq = Math.min(3600, 1200 + cpu * 26 + random.nextGaussian() * 40);
            ram = Math.min(0.88, Math.max(0.3, ram + random.nextGaussian() * 0.002));
            long ramUsed = (long) (ram * ramTotal);
            double ramPercent = Math.round(ramUsed * 1000.0 / ramTotal) / 10.0;
            double fan = d == 1 && minutesAgo >= 30 && minutesAgo <= 38 ? 0 : 1400 + (temp - 35) * 45;
            cpu = tenths(cpu);
            temp = tenths(temp);
            Map<String, Number> measures = new LinkedHashMap<>();
            measures.put("cpu_usage", cpu);
            measures.put("cpu_temp", temp);
            measures.put("cpu_freq", Math.round(freq));
            measures.put("ram_usage", ramUsed);
            measures.put("ram_total", ramTotal);
            measures.put("ram_percent", ramPercent);
            measures.put("fan_speed", Math.round(fan));
            StoreRecords.write(metrics, device, t, measures);

            String crossed = crossed(device, cpu, temp);
            if (crossed != null && firedAt == null) {
                firedAt = t;
                firedMessage = crossed;
            } else if (crossed == null && firedAt != null) {
                alerts.add(new Alert(device, RULE, firedMessage, firedAt, Optional.of(t)));
                firedAt = null;
            }
            last.put("cpu_usage", cpu);
            last.put("cpu_freq", Math.round(freq));
            last.put("cpu_temp", temp);
            last.put("ram_usage", ramUsed);
            last.put("ram_total", ramTotal);
            last.put("fan_speed", Math.round(fan));
            last.put("timestamp", t.getEpochSecond());
        }
        if (firedAt != null) {
            alerts.add(new Alert(device, RULE, firedMessage, firedAt, Optional.empty()));
        }
        shadows.put(device, shadow(last, 40 + d * 17));
    }

    private static double cpuUsage(int d, double minutesAgo, Random random) {
        double noise = random.nextGaussian();
        switch (d) {
            case 0:
                // an office laptop: quiet, with a build every 20 minutes
                double build = Math.max(0, Math.sin(2 * Math.PI * minutesAgo / 20));
                return clamp(9 + 45 * Math.pow(build, 6) + 2.5 * noise);
            case 1:
                double load = minutesAgo >= 29 && minutesAgo <= 39 ? 48 : 0; // a batch job
                return clamp(22 + load + 6 * Math.sin(minutesAgo / 3) + 3 * noise);
            default:
                if (minutesAgo < 4) {
                    return clamp(96 + 1.2 * noise);
                }
                return clamp(38 + 10 * Math.sin(minutesAgo / 7) + 4 * noise);
        }
    }

    /** The SNS rule's message for the thresholds crossed, or null when none is. */
    private static String crossed(String device, double cpu, double temp) {
        StringBuilder sb = new StringBuilder();
        if (temp > TEMP_MAX) {
            sb.append(", cpu_temp ").append(temp).append(" °C > 80 °C");
        }
        if (cpu > CPU_MAX) {
            sb.append(", cpu_usage ").append(cpu).append(" % > 90 %");
        }
        return sb.length() == 0 ? null : device + ": " + sb.substring(2);
    }

    private static String shadow(Map<String, Object> reported, int version) {
        StringBuilder sb = new StringBuilder("{\"state\":{\"desired\":{\"interval\":10},\"reported\":{");
        reported.forEach((k, v) -> sb.append('"').append(k).append("\":").append(v).append(','));
        sb.append("\"interval\":10}},\"version\":").append(version).append(",\"timestamp\":")
                .append(reported.get("timestamp")).append('}');
        return sb.toString();
    }

    private static double clamp(double percent) {
        return Math.max(0.5, Math.min(100, percent));
    }

    private static double tenths(double v) {
        return Math.round(v * 10) / 10.0;
    }

    /** @return a dashboard over this fleet on 127.0.0.1, a free port, not started */
    DashboardServer server(Clock clock) {
        return DashboardServer.builder().bindAddress("127.0.0.1").port(0).metrics(metrics).alerts(alerts)
                .shadows(device -> Optional.ofNullable(shadows.get(device))).clock(clock).build();
    }

    @Override
    public void close() {
        metrics.close();
    }
}
