package io.sysmon.examples;

import io.sysmon.examples.cli.Arguments;
import io.sysmon.examples.cli.BadValueException;
import io.sysmon.examples.cli.CommandFailedException;
import io.sysmon.examples.cli.ThingOptions;
import io.sysmon.examples.provision.AwsFailures;
import io.sysmon.examples.provision.CredentialFiles;
import io.sysmon.examples.provision.DevicePolicy;
import io.sysmon.examples.provision.IotClientFactory;
import io.sysmon.examples.provision.IotProvisioner;
import io.sysmon.examples.provision.Provisioning;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iot.IotClient;

/**
 * The tutorial's "bulk registration" note as a command: registers N things with AWS IoT, each with an active
 * certificate, the least-privilege policy and the files the device reads, like clicking "Create a single thing"
 * N times in the console.
 */
@Command(name = "provision",
        description = {"Register things with AWS IoT: for each, create the thing (an existing one is fine), an "
                + "active certificate and key written to CERTS_DIR (key 600, certificate 644, directory 700), and "
                + "attach the least-privilege policy (created from examples/policies/device-least-privilege.json "
                + "unless it exists) and the thing. Uses the AWS CLI's credentials and region "
                + "(aws configure, AWS_PROFILE, AWS_REGION). Prints the export lines for AWS_IOT_HOST and "
                + "CERTS_DIR.",
                "Example: sysmon provision --region us-east-1 --devices 3"})
public final class ProvisionCommand implements Callable<Integer> {

    /** The most things one run registers; beyond that, AWS IoT's bulk registration is the better tool. */
    public static final int MAX_DEVICES = 100;

    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-[0-9]{1,2}");
    private static final Pattern POLICY_NAME = Pattern.compile("[\\w+=,.@-]{1,128}");

    private final IotClientFactory clients;

    @Spec
    private CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    private Things things;

    @Option(names = "--region", paramLabel = "REGION", converter = RegionConverter.class,
            description = "AWS region, e.g. us-east-1 (default: AWS_REGION, else the profile's region).")
    private Region region;

    @Option(names = "--policy-name", paramLabel = "NAME", converter = PolicyNameConverter.class,
            description = "The AWS IoT policy to attach (default: ${DEFAULT-VALUE}); created unless it exists.")
    private String policyName = DevicePolicy.DEFAULT_NAME;

    @Option(names = "--policy-file", paramLabel = "FILE",
            description = "Create the policy from FILE instead of the built-in least-privilege document.")
    private Path policyFile;

    @Option(names = "--certs-dir", paramLabel = "DIR", defaultValue = "${env:CERTS_DIR:-certs}",
            description = "Where to write the certificates and keys (default: $CERTS_DIR, else certs).")
    private Path certsDir;

    @Option(names = "--force",
            description = "Replace existing certificate and key files with new ones (the old certificates stay "
                    + "active in AWS IoT until you deactivate them).")
    private boolean force;

    /** The command as {@code sysmon.jar} runs it, on the SDK's default credentials and region. */
    public ProvisionCommand() {
        this(IotClientFactory.standard());
    }

    /** @param clients opens the AWS IoT client; tests pass one that returns a mock */
    public ProvisionCommand(IotClientFactory clients) {
        this.clients = Objects.requireNonNull(clients, "clients");
    }

    static final class Things {
        @Option(names = "--things", paramLabel = "NAME", split = ",", required = true,
                converter = Arguments.ThingName.class,
                description = "The things to register, comma-separated, e.g. my_iot_device_1,my_iot_device_2.")
        List<String> names;

        @Option(names = "--devices", paramLabel = "N", required = true, converter = DeviceCount.class,
                description = "Register my_iot_device_1 to my_iot_device_N (N from 1 to " + MAX_DEVICES + ").")
        Integer count;
    }

    @Override
    public Integer call() {
        List<String> thingNames = thingNames();
        String policyDocument = policyDocument();
        List<IotClient> opened = new ArrayList<>(1);
        Supplier<IotProvisioner> connect = () -> {
            IotClient iot;
            try {
                iot = clients.open(Optional.ofNullable(region));
            } catch (SdkException e) {
                throw new CommandFailedException(AwsFailures.describe(e, "iot:DescribeEndpoint"), e);
            }
            opened.add(iot);
            return new IotProvisioner(iot);
        };
        try {
            // Provisioning refuses to overwrite files before it connects, so that a rerun costs nothing and
            // creates nothing.
            new Provisioning(connect, new CredentialFiles(certsDir), spec.commandLine().getOut())
                    .run(thingNames, policyName, policyDocument, force);
        } finally {
            for (IotClient iot : opened) {
                iot.close();
            }
        }
        return 0;
    }

    private List<String> thingNames() {
        if (things.count != null) {
            return ThingOptions.numbered(things.count);
        }
        Set<String> seen = new HashSet<>();
        for (String name : things.names) {
            if (!seen.add(name)) {
                throw new ParameterException(spec.commandLine(), "--things names " + name + " twice");
            }
        }
        if (seen.size() > MAX_DEVICES) {
            throw new ParameterException(spec.commandLine(), "--things names " + seen.size()
                    + " things; at most " + MAX_DEVICES + " per run (use AWS IoT bulk registration for more)");
        }
        return List.copyOf(things.names);
    }

    private String policyDocument() {
        if (policyFile == null) {
            return DevicePolicy.leastPrivilege();
        }
        try {
            return Files.readString(policyFile);
        } catch (IOException e) {
            throw new CommandFailedException("--policy-file " + policyFile + ": cannot read it ("
                    + e.getClass().getSimpleName() + "): give a readable policy JSON file", e);
        }
    }

    /** Accepts 1 to {@link #MAX_DEVICES}. */
    static final class DeviceCount implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            long n = Arguments.count(value);
            if (n > MAX_DEVICES) {
                throw new BadValueException("must be at most " + MAX_DEVICES
                        + " (use AWS IoT bulk registration for more)", value);
            }
            return (int) n;
        }
    }

    /** Accepts region names such as us-east-1, eu-central-1, us-gov-west-1. */
    static final class RegionConverter implements ITypeConverter<Region> {
        @Override
        public Region convert(String value) {
            if (!REGION.matcher(value).matches()) {
                throw new BadValueException("must be an AWS region such as us-east-1", value);
            }
            return Region.of(value);
        }
    }

    /** Accepts AWS IoT policy names: 1 to 128 characters of letters, digits and {@code _+=,.@-}. */
    static final class PolicyNameConverter implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            if (!POLICY_NAME.matcher(value).matches()) {
                throw new BadValueException("must be an AWS IoT policy name: 1 to 128 characters from "
                        + "a-z A-Z 0-9 _ + = , . @ -", value);
            }
            return value;
        }
    }
}
