package io.sysmon.examples.provision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.verifyNoMoreInteractions;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sysmon.examples.cli.CommandFailedException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mockito.InOrder;
import org.mockito.stubbing.OngoingStubbing;
import software.amazon.awssdk.services.iot.IotClient;
import software.amazon.awssdk.services.iot.model.AttachPolicyRequest;
import software.amazon.awssdk.services.iot.model.AttachThingPrincipalRequest;
import software.amazon.awssdk.services.iot.model.CreateKeysAndCertificateRequest;
import software.amazon.awssdk.services.iot.model.CreatePolicyRequest;
import software.amazon.awssdk.services.iot.model.CreateThingRequest;
import software.amazon.awssdk.services.iot.model.DescribeEndpointRequest;
import software.amazon.awssdk.services.iot.model.GetPolicyRequest;
import software.amazon.awssdk.services.iot.model.GetPolicyResponse;
import software.amazon.awssdk.services.iot.model.ResourceAlreadyExistsException;

class ProvisioningTest {

    private static final String POLICY = "sysmon-device";
    private static final List<String> TWO = List.of("my_iot_device_1", "my_iot_device_2");

    @TempDir
    Path tmp;

    private final StringWriter out = new StringWriter();

    private Path certs() {
        return tmp.resolve("certs");
    }

    private String run(IotClient iot, List<String> things, boolean overwrite) {
        return new Provisioning(new IotProvisioner(iot), new CredentialFiles(certs()), new PrintWriter(out, true))
                .run(things, POLICY, DevicePolicy.leastPrivilege(), overwrite);
    }

    @Test
    void callsAwsInTheTutorialsOrderForEachThing() {
        IotClient iot = FakeIot.freshAccount();

        assertEquals(FakeIot.ENDPOINT, run(iot, TWO, false));

        InOrder order = inOrder(iot);
        order.verify(iot).describeEndpoint(DescribeEndpointRequest.builder().endpointType("iot:Data-ATS").build());
        order.verify(iot).getPolicy(GetPolicyRequest.builder().policyName(POLICY).build());
        order.verify(iot).createPolicy(CreatePolicyRequest.builder()
                .policyName(POLICY).policyDocument(DevicePolicy.leastPrivilege()).build());
        for (int n = 1; n <= 2; n++) {
            String thing = TWO.get(n - 1);
            order.verify(iot).createThing(CreateThingRequest.builder().thingName(thing).build());
            order.verify(iot).createKeysAndCertificate(
                    CreateKeysAndCertificateRequest.builder().setAsActive(true).build());
            order.verify(iot).attachPolicy(AttachPolicyRequest.builder()
                    .policyName(POLICY).target(FakeIot.certificateArn(n)).build());
            order.verify(iot).attachThingPrincipal(AttachThingPrincipalRequest.builder()
                    .thingName(thing).principal(FakeIot.certificateArn(n)).build());
        }
        verifyNoMoreInteractions(iot);
    }

    @Test
    void writesEachThingsCertificateAndKeyWithTheConsolesNamesAndModes() throws IOException {
        run(FakeIot.freshAccount(), TWO, false);

        assertEquals("rwx------", mode(certs()));
        for (int n = 1; n <= 2; n++) {
            Path certificate = certs().resolve("my_iot_device_" + n + "-certificate.pem.crt");
            Path key = certs().resolve("my_iot_device_" + n + "-private.pem.key");
            assertEquals(FakeIot.certificatePem(n), Files.readString(certificate));
            assertEquals(FakeIot.privateKeyPem(n), Files.readString(key));
            assertEquals("rw-r--r--", mode(certificate));
            assertEquals("rw-------", mode(key));
        }
        try (var files = Files.list(certs())) {
            assertEquals(4, files.count(), "no temporary files are left behind");
        }
    }

    @Test
    void printsTheEndpointAsAnExportLineAndHowToGetTheRootCa() {
        run(FakeIot.freshAccount(), TWO, false);

        List<String> lines = out.toString().lines().toList();
        assertTrue(lines.contains("export AWS_IOT_HOST=" + FakeIot.ENDPOINT), out::toString);
        assertTrue(lines.contains("export CERTS_DIR=" + certs()), out::toString);
        assertTrue(lines.contains("policy sysmon-device: created"), out::toString);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("my_iot_device_1: thing created, certificate "
                + FakeIot.certificateId(1) + " active")), out::toString);
        assertTrue(lines.contains("  curl -fsS -o " + certs().resolve("AmazonRootCA1.pem")
                + " https://www.amazontrust.com/repository/AmazonRootCA1.pem"), out::toString);
        assertFalse(out.toString().contains("key1"), "the private key is never printed");
    }

    @Test
    void saysNothingAboutTheRootCaWhenItIsThere() throws IOException {
        Files.createDirectories(certs());
        Files.writeString(certs().resolve("AmazonRootCA1.pem"), "-----BEGIN CERTIFICATE-----\n");

        run(FakeIot.freshAccount(), List.of("my_iot_device_1"), false);

        assertFalse(out.toString().contains("curl"), out::toString);
    }

    @Test
    void anExistingThingAndAnExistingPolicyAreUsedAsTheyAre() {
        IotClient iot = FakeIot.freshAccount();
        // doReturn, as when(iot.getPolicy(..)) would run the fresh account's stub, which throws.
        doReturn(GetPolicyResponse.builder().policyName(POLICY).build())
                .when(iot).getPolicy(any(GetPolicyRequest.class));
        when(iot.createThing(any(CreateThingRequest.class))).thenThrow(ResourceAlreadyExistsException.builder()
                .message("Thing my_iot_device_1 already exists in account with different attributes")
                .statusCode(409).build());

        run(iot, List.of("my_iot_device_1"), false);

        verify(iot, never()).createPolicy(any(CreatePolicyRequest.class));
        verify(iot).attachThingPrincipal(AttachThingPrincipalRequest.builder()
                .thingName("my_iot_device_1").principal(FakeIot.certificateArn(1)).build());
        assertTrue(out.toString().contains("policy sysmon-device: exists"), out::toString);
        assertTrue(out.toString().contains("my_iot_device_1: thing existed, certificate"), out::toString);
        assertTrue(Files.exists(certs().resolve("my_iot_device_1-private.pem.key")));
    }

    @Test
    void accessDeniedIsOneLineNamingTheThingTheFixAndWhatWasDone() {
        IotClient iot = FakeIot.freshAccount();
        when(iot.createThing(CreateThingRequest.builder().thingName("my_iot_device_2").build()))
                .thenThrow(FakeIot.accessDenied("iot:CreateThing"));

        CommandFailedException e = assertThrows(CommandFailedException.class,
                () -> run(iot, List.of("my_iot_device_1", "my_iot_device_2", "my_iot_device_3"), false));

        String message = e.getMessage();
        assertFalse(message.contains("\n"), message);
        assertTrue(message.startsWith("my_iot_device_2: CreateThing failed: access denied (AccessDeniedException: "
                + "User: arn:aws:iam::123456789012:user/demo is not authorized"), message);
        assertTrue(message.contains("allow iot:CreateThing for the AWS identity you run as"), message);
        assertTrue(message.contains("examples/policies/provision-operator-iam.json"), message);
        assertTrue(message.endsWith("; done: my_iot_device_1; not done: my_iot_device_2, my_iot_device_3"),
                message);
        // The first thing is complete on disk and in AWS; nothing was tried after the failure.
        assertTrue(Files.exists(certs().resolve("my_iot_device_1-private.pem.key")));
        assertFalse(Files.exists(certs().resolve("my_iot_device_2-private.pem.key")));
        verify(iot, never()).createThing(CreateThingRequest.builder().thingName("my_iot_device_3").build());
        assertTrue(out.toString().contains("my_iot_device_1: thing created"), out::toString);
    }

    static Stream<Arguments> eachCall() {
        return Stream.of(
                call("iot:DescribeEndpoint", iot -> when(iot.describeEndpoint(any(DescribeEndpointRequest.class)))),
                call("iot:GetPolicy", iot -> when(iot.getPolicy(any(GetPolicyRequest.class)))),
                call("iot:CreatePolicy", iot -> when(iot.createPolicy(any(CreatePolicyRequest.class)))),
                call("iot:CreateThing", iot -> when(iot.createThing(any(CreateThingRequest.class)))),
                call("iot:CreateKeysAndCertificate", iot -> when(iot.createKeysAndCertificate(
                        any(CreateKeysAndCertificateRequest.class)))),
                call("iot:AttachPolicy", iot -> when(iot.attachPolicy(any(AttachPolicyRequest.class)))),
                call("iot:AttachThingPrincipal", iot -> when(iot.attachThingPrincipal(
                        any(AttachThingPrincipalRequest.class)))));
    }

    private static Arguments call(String action, Function<IotClient, OngoingStubbing<?>> stub) {
        return Arguments.of(action, stub);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eachCall")
    void accessDeniedOnAnyCallNamesAPermissionTheOperatorPolicyGrants(String action,
            Function<IotClient, OngoingStubbing<?>> stub) throws IOException {
        IotClient iot = FakeIot.freshAccount();
        if (action.equals("iot:GetPolicy")) {
            doThrow(FakeIot.accessDenied(action)).when(iot).getPolicy(any(GetPolicyRequest.class));
        } else {
            stub.apply(iot).thenThrow(FakeIot.accessDenied(action));
        }

        CommandFailedException e = assertThrows(CommandFailedException.class,
                () -> run(iot, List.of("my_iot_device_1"), false));

        assertTrue(e.getMessage().contains(": allow " + action + " for the AWS identity you run as"), e::getMessage);
        JsonNode operator = new ObjectMapper().readTree(Path.of("policies", "provision-operator-iam.json").toFile());
        assertTrue(operator.toString().contains("\"" + action + "\""),
                "policies/provision-operator-iam.json does not grant " + action);
    }

    @Test
    void aFailedAttachLeavesTheKeyOnDiskAndSaysHowToFinish() {
        IotClient iot = FakeIot.freshAccount();
        when(iot.attachPolicy(any(AttachPolicyRequest.class))).thenThrow(FakeIot.accessDenied("iot:AttachPolicy"));

        CommandFailedException e = assertThrows(CommandFailedException.class,
                () -> run(iot, List.of("my_iot_device_1"), false));

        assertTrue(e.getMessage().startsWith("my_iot_device_1: AttachPolicy failed: access denied"), e::getMessage);
        assertTrue(e.getMessage().contains("'aws iot attach-policy --policy-name sysmon-device --target "
                + FakeIot.certificateArn(1) + "'"), e::getMessage);
        assertTrue(Files.exists(certs().resolve("my_iot_device_1-private.pem.key")), "the only copy of the key");
    }

    @Test
    void failingBeforeAnyThingSaysNothingWasCreated() {
        IotClient iot = FakeIot.freshAccount();
        when(iot.describeEndpoint(any(DescribeEndpointRequest.class)))
                .thenThrow(FakeIot.error("UnrecognizedClientException", 403,
                        "The security token included in the request is invalid."));

        CommandFailedException e = assertThrows(CommandFailedException.class, () -> run(iot, TWO, false));

        assertTrue(e.getMessage().startsWith("DescribeEndpoint failed: AWS rejected the credentials"),
                e::getMessage);
        assertTrue(e.getMessage().endsWith("; nothing was created"), e::getMessage);
        verify(iot).describeEndpoint(any(DescribeEndpointRequest.class));
        verifyNoMoreInteractions(iot);
    }

    @Test
    void refusesToOverwriteAnExistingKeyBeforeAnyAwsCall() throws IOException {
        Files.createDirectories(certs());
        Path key = Files.writeString(certs().resolve("my_iot_device_2-private.pem.key"), "the only copy\n");
        IotClient iot = FakeIot.freshAccount();

        CommandFailedException e = assertThrows(CommandFailedException.class, () -> run(iot, TWO, false));

        assertEquals(key + " exists: refusing to overwrite a device's credentials; move them away, or pass "
                + "--force to issue new certificates (the old ones stay active in AWS IoT until you deactivate "
                + "them)", e.getMessage());
        verifyNoInteractions(iot);
        assertEquals("the only copy\n", Files.readString(key));
    }

    @Test
    void forceReplacesExistingFiles() throws IOException {
        Files.createDirectories(certs());
        Path key = Files.writeString(certs().resolve("my_iot_device_1-private.pem.key"), "old\n");
        Path certificate = Files.writeString(certs().resolve("my_iot_device_1-certificate.pem.crt"), "old\n");

        run(FakeIot.freshAccount(), List.of("my_iot_device_1"), true);

        assertEquals(FakeIot.privateKeyPem(1), Files.readString(key));
        assertEquals(FakeIot.certificatePem(1), Files.readString(certificate));
        assertEquals("rw-------", mode(key));
    }

    @Test
    void narrowsAnOpenCertsDirectoryTo700() throws IOException {
        Files.createDirectories(certs());
        Files.setPosixFilePermissions(certs(), PosixFilePermissions.fromString("rwxr-xr-x"));

        run(FakeIot.freshAccount(), List.of("my_iot_device_1"), false);

        assertEquals("rwx------", mode(certs()));
        assertTrue(out.toString().contains(certs() + ": mode set to 700"), out::toString);
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
