package io.sysmon.examples.provision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.sysmon.examples.CliRun;
import io.sysmon.examples.ProvisionCommand;
import io.sysmon.examples.SysmonCommand;
import io.sysmon.examples.cli.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iot.IotClient;
import software.amazon.awssdk.services.iot.model.CreatePolicyRequest;
import software.amazon.awssdk.services.iot.model.CreateThingRequest;

/** {@code sysmon provision} as the user runs it, with the AWS IoT client replaced by a Mockito mock. */
class ProvisionCommandTest {

    @TempDir
    Path tmp;

    private final IotClient iot = FakeIot.freshAccount();
    private final List<Optional<Region>> opened = new ArrayList<>();

    private CliRun provision(String... args) {
        return provision(region -> {
            opened.add(region);
            return iot;
        }, args);
    }

    /** Runs {@code sysmon provision ARGS} through the real command tree, its ProvisionCommand given {@code clients}. */
    private static CliRun provision(IotClientFactory clients, String... args) {
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                return type == ProvisionCommand.class
                        ? type.cast(new ProvisionCommand(clients))
                        : CommandLine.defaultFactory().create(type);
            }
        };
        CommandLine cli = Cli.commandLine(CommandSpec.forAnnotatedObject(new SysmonCommand(), factory));
        String[] command = Stream.concat(Stream.of("provision"), Stream.of(args)).toArray(String[]::new);
        return CliRun.run(cli, command);
    }

    private String certs() {
        return tmp.resolve("certs").toString();
    }

    @Test
    void registersTheDevicesAndPrintsTheExportLines() {
        CliRun r = provision("--region", "eu-west-1", "--devices", "3", "--certs-dir", certs());

        assertEquals(0, r.exitCode, r::toString);
        assertEquals("", r.err);
        assertEquals(List.of(Optional.of(Region.EU_WEST_1)), opened);
        for (int n = 1; n <= 3; n++) {
            verify(iot).createThing(CreateThingRequest.builder().thingName("my_iot_device_" + n).build());
            assertTrue(Files.exists(Path.of(certs(), "my_iot_device_" + n + "-private.pem.key")));
        }
        assertTrue(r.outLines().contains("export AWS_IOT_HOST=" + FakeIot.ENDPOINT), r::toString);
        verify(iot).close();
    }

    @Test
    void withoutRegionTheSdkChainDecides() {
        CliRun r = provision("--things", "sensor-a,sensor:b", "--certs-dir", certs());

        assertEquals(0, r.exitCode, r::toString);
        assertEquals(List.of(Optional.empty()), opened);
        verify(iot).createThing(CreateThingRequest.builder().thingName("sensor:b").build());
    }

    @Test
    void accessDeniedIsOneLineAndExit1() {
        when(iot.createThing(any(CreateThingRequest.class))).thenThrow(FakeIot.accessDenied("iot:CreateThing"));

        CliRun r = provision("--devices", "2", "--certs-dir", certs());

        assertEquals(1, r.exitCode, r::toString);
        assertEquals(1, r.errLines().size(), r::toString);
        assertTrue(r.err.startsWith("sysmon provision: my_iot_device_1: CreateThing failed: access denied "
                + "(AccessDeniedException: "), r::toString);
        assertTrue(r.err.strip().endsWith("; done: none; not done: my_iot_device_1, my_iot_device_2"), r::toString);
        assertFalse(r.err.contains("\tat ") || r.err.contains("--verbose"), r::toString);
        verify(iot).close();
    }

    @Test
    void noRegionAnywhereIsOneLineAndExit1() {
        CliRun r = provision(region -> {
            throw SdkClientException.create("Unable to load region from any of the providers in the chain "
                    + "software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain@5: [...]");
        }, "--devices", "1", "--certs-dir", certs());

        assertEquals(1, r.exitCode, r::toString);
        assertEquals(List.of("sysmon provision: no AWS region set: pass --region (e.g. --region us-east-1) or "
                + "export AWS_REGION"), r.errLines());
    }

    @Test
    void existingKeyIsRefusedWithExit1UnlessForced() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("certs"));
        Files.writeString(dir.resolve("my_iot_device_1-private.pem.key"), "keep me\n");

        CliRun refused = provision("--devices", "1", "--certs-dir", certs());
        assertEquals(1, refused.exitCode, refused::toString);
        assertEquals(1, refused.errLines().size(), refused::toString);
        assertTrue(refused.err.startsWith("sysmon provision: " + dir.resolve("my_iot_device_1-private.pem.key")
                + " exists: refusing to overwrite"), refused::toString);
        assertTrue(opened.isEmpty(), "no AWS client was even opened");

        CliRun forced = provision("--devices", "1", "--certs-dir", certs(), "--force");
        assertEquals(0, forced.exitCode, forced::toString);
        assertEquals(FakeIot.privateKeyPem(1), Files.readString(dir.resolve("my_iot_device_1-private.pem.key")));
    }

    @Test
    void policyFileReplacesTheBuiltInDocument() throws IOException {
        Path policy = Files.writeString(tmp.resolve("policy.json"), "{\"Version\":\"2012-10-17\"}");

        CliRun r = provision("--devices", "1", "--certs-dir", certs(), "--policy-name", "my-policy",
                "--policy-file", policy.toString());

        assertEquals(0, r.exitCode, r::toString);
        verify(iot).createPolicy(CreatePolicyRequest.builder().policyName("my-policy")
                .policyDocument("{\"Version\":\"2012-10-17\"}").build());
    }

    @Test
    void unreadablePolicyFileIsOneLineAndExit1() {
        CliRun r = provision("--devices", "1", "--certs-dir", certs(), "--policy-file", "/nope/policy.json");

        assertEquals(1, r.exitCode, r::toString);
        assertEquals(List.of("sysmon provision: --policy-file /nope/policy.json: cannot read it "
                + "(NoSuchFileException): give a readable policy JSON file"), r.errLines());
    }

    static Stream<Arguments> badArguments() {
        String thingRule = "must be an AWS IoT thing name: 1 to 128 characters from a-z A-Z 0-9 : _ -";
        return Stream.of(
                Arguments.of("--devices must be a whole number >= 1, got '0'", new String[] {"--devices", "0"}),
                Arguments.of("--devices must be at most 100 (use AWS IoT bulk registration for more), got '101'",
                        new String[] {"--devices", "101"}),
                Arguments.of("--things " + thingRule + ", got 'my device'", new String[] {"--things", "a,my device"}),
                Arguments.of("--things names a twice", new String[] {"--things", "a,b,a"}),
                Arguments.of("--region must be an AWS region such as us-east-1, got 'Virginia'",
                        new String[] {"--devices", "1", "--region", "Virginia"}),
                Arguments.of("--policy-name must be an AWS IoT policy name: 1 to 128 characters from "
                        + "a-z A-Z 0-9 _ + = , . @ -, got 'my policy'",
                        new String[] {"--devices", "1", "--policy-name", "my policy"}),
                Arguments.of(null, new String[] {"--devices", "1", "--things", "a"}),
                Arguments.of(null, new String[] {}));
    }

    @ParameterizedTest(name = "{1} -> {0}")
    @MethodSource("badArguments")
    void badArgumentIsOneLineThenUsageAndExit2(String message, String[] args) {
        CliRun r = provision(args);

        assertEquals(2, r.exitCode, r::toString);
        String first = r.errLines().get(0);
        if (message != null) {
            assertEquals("sysmon provision: " + message, first, r::toString);
        } else {
            assertTrue(first.startsWith("sysmon provision: ") && first.contains("--devices"), r::toString);
        }
        assertTrue(r.errLines().get(1).startsWith("Usage: sysmon provision "), r::toString);
        assertTrue(opened.isEmpty(), "no AWS client is opened for bad arguments");
        assertEquals("", r.out);
    }
}
