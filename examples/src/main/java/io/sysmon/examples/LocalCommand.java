package io.sysmon.examples;

import io.sysmon.examples.alerts.AlertNotifier;
import io.sysmon.examples.cli.Arguments;
import io.sysmon.examples.cli.BadValueException;
import io.sysmon.examples.cli.CommandFailedException;
import io.sysmon.examples.cli.ConnectionOptions;
import io.sysmon.examples.cli.StopRequest;
import io.sysmon.examples.cli.ThingOptions;
import io.sysmon.examples.rules.local.LocalCloud;
import io.sysmon.examples.store.DataDirectoryException;
import io.sysmon.shadow.ShadowClientConfig;
import io.sysmon.shadow.local.LocalIotEndpoint;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * An AWS-IoT-compatible endpoint on this machine, for trying steps 2 to 4 without an AWS account: MQTT 5 over
 * TLS with client certificates, the Device Shadow service, and the shipped topic rules with local actions
 * (Timestream into a local time-series store, S3 into a folder, SNS into alerts, CloudWatch Logs into log files)
 * in a data directory. Issues the things' credentials into the certificates directory (kept across runs, with the
 * endpoint's own CA) and says how to connect.
 */
@Command(name = "local",
        description = {"Run an AWS-IoT-compatible endpoint on this machine (loopback only): MQTT 5 over TLS with "
                + "client certificates, and the Device Shadow service. Issues credentials for the things into DIR "
                + "(reused on the next run, with the endpoint's CA sysmon-local-ca.pem), prints how to point "
                + "'shadow' and 'fleet' at it, and runs until Ctrl-C.",
                "Every accepted shadow update runs the shipped rules (examples/rules) with local actions, into DIR of "
                        + "--data-dir: Timestream records in timestream/, S3 objects in s3/, InfluxDB points in "
                        + "influxdb/, alerts in notifications.log (fired once when a threshold is crossed, resolved "
                        + "once on recovery, and POSTed to --webhook), rule errors in logs/.",
                "While it runs, stdin takes 'set THING KEY=VALUE' to change a thing's desired state, e.g. "
                        + "'set my_iot_device_1 interval=5' (the device picks the new interval up at once), and "
                        + "'get THING' to print a shadow.",
                "Example: sysmon local --port 8883 --certs-dir certs --devices 3"})
final class LocalCommand implements Callable<Integer> {

    private static final String HOST = "localhost";

    @Option(names = "--port", paramLabel = "PORT", converter = Arguments.Port.class,
            description = "The TLS port to listen on. Default: 8883.")
    private int port = ShadowClientConfig.DEFAULT_PORT;

    @Option(names = ConnectionOptions.CERTS_DIR, paramLabel = "DIR", defaultValue = "certs",
            description = "Where the CA and the things' credentials go. Default: $CERTS_DIR, else certs.")
    private Path certsDir;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "${sys:user.home}/.sysmon/local",
            description = "Where the rules' local actions write (created if missing; kept across runs). "
                    + "Default: ${DEFAULT-VALUE}.")
    private Path dataDir;

    @Option(names = "--webhook", paramLabel = "URL", converter = WebhookUrl.class,
            description = "Also POST each alert (fired and resolved) as JSON to this http(s) URL.")
    private URI webhook;

    @Mixin
    private ThingOptions things;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        List<String> names = things.names();

        try (LocalCloud cloud = openCloud(dataDir, webhook);
             LocalIotEndpoint endpoint = LocalIotEndpoint.builder().host("127.0.0.1").port(port)
                .certsDir(certsDir).build();
             StopRequest stop = StopRequest.onSignals()) {
            cloud.attachTo(endpoint);
            endpoint.start();
            names.parallelStream().forEach(endpoint::issueDevice);

            String connect = " --endpoint " + HOST + " --port " + endpoint.port() + " --certs-dir " + quote(certsDir)
                    + " --ca-file " + quote(endpoint.caFile());
            out.println("AWS IoT endpoint on " + HOST + ":" + endpoint.port() + " (MQTT 5 over TLS, client "
                    + "certificates required); CA " + endpoint.caFile() + "; credentials for " + describe(names)
                    + " in " + certsDir);
            out.println("Shadow updates run the shipped rules with local actions, into " + cloud.dataDir() + ":");
            cloud.describe().forEach(line -> out.println("  " + line));
            out.println("Point the examples at it:");
            out.println("  " + launcher() + " shadow" + connect + " 10 " + names.get(0));
            out.println("  " + launcher() + " fleet" + connect + " " + things.asArguments() + " --interval 10");
            out.println("Then " + LocalConsole.USAGE + "; Ctrl-C stops the endpoint.");
            out.flush();
            new LocalConsole(endpoint, out).serve(System.in);

            stop.await(Long.MAX_VALUE);
            LoggerFactory.getLogger(LocalCommand.class).info("stopping the endpoint; {} updates went through the "
                    + "rules", cloud.runner().processed());
        }
        return 0;
    }

    /**
     * @param dataDir where the rules' local actions write
     * @param webhook where alerts are also POSTed, or {@code null}
     * @return the store, alerts and rules in the data directory, or a one-line failure naming it
     */
    static LocalCloud openCloud(Path dataDir, URI webhook) {
        try {
            return LocalCloud.open(dataDir, Optional.ofNullable(webhook));
        } catch (DataDirectoryException e) {
            throw new CommandFailedException("cannot write to the data directory " + e.directory() + " ("
                    + e.reason() + "): make it a writable directory, or choose another with --data-dir DIR", e);
        }
    }

    /** {@code --webhook}: an http or https URL with a host. */
    static final class WebhookUrl implements ITypeConverter<URI> {
        @Override
        public URI convert(String text) {
            try {
                return AlertNotifier.webhookUri(text);
            } catch (IllegalArgumentException e) {
                throw new BadValueException("must be an http:// or https:// URL with a host, e.g. "
                        + "http://localhost:9000/alerts", text);
            }
        }
    }

    private static String describe(List<String> names) {
        if (names.size() <= 4) {
            return String.join(", ", names);
        }
        return names.size() + " things (" + names.get(0) + ", " + names.get(1) + ", ..., "
                + names.get(names.size() - 1) + ")";
    }

    /** @return how this jar was started, e.g. {@code java -jar examples/target/sysmon.jar} */
    private static String launcher() {
        try {
            Path jar = Path.of(LocalCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (jar.toString().endsWith(".jar")) {
                Path here = Path.of("").toAbsolutePath();
                return "java -jar " + quote(jar.startsWith(here) ? here.relativize(jar) : jar);
            }
        } catch (java.net.URISyntaxException | RuntimeException e) {
            // fall back to the documented path
        }
        return "java -jar examples/target/sysmon.jar";
    }

    private static String quote(Path path) {
        String text = path.toString();
        return text.matches("[A-Za-z0-9_./:@%+=,-]+") ? text : "'" + text.replace("'", "'\\''") + "'";
    }
}
