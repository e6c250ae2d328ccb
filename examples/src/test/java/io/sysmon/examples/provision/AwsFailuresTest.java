package io.sysmon.examples.provision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.iot.model.ThrottlingException;

class AwsFailuresTest {

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of(SdkClientException.create("Unable to load credentials from any of the providers in "
                        + "the chain AwsCredentialsProviderChain(credentialsProviders=[...]) : [...]\nmore"),
                        "no AWS credentials found: run 'aws configure'"),
                Arguments.of(SdkClientException.create("Unable to load region from any of the providers in the "
                        + "chain software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain@1: [...]"),
                        "no AWS region set: pass --region (e.g. --region us-east-1) or export AWS_REGION"),
                Arguments.of(SdkClientException.create("Received an UnknownHostException when attempting to "
                        + "interact with a service."), "cannot reach AWS IoT (Received an UnknownHostException"),
                Arguments.of(FakeIot.accessDenied("iot:CreateThing"),
                        "access denied (AccessDeniedException: User: arn:aws:iam::123456789012:user/demo is not"),
                Arguments.of(ThrottlingException.builder().statusCode(400).awsErrorDetails(
                        AwsErrorDetails.builder()
                                .errorCode("ThrottlingException").errorMessage("Rate exceeded").build()).build(),
                        "throttled by AWS IoT (ThrottlingException: Rate exceeded): wait a minute, then rerun"),
                Arguments.of(FakeIot.error("ExpiredTokenException", 403, "The security token included in the "
                        + "request is expired"), "the AWS credentials have expired (ExpiredTokenException: "),
                Arguments.of(FakeIot.error("UnrecognizedClientException", 403, "The security token included in "
                        + "the request is invalid."), "AWS rejected the credentials (UnrecognizedClientException"),
                Arguments.of(FakeIot.error("ServiceUnavailableException", 503, "Service unavailable"),
                        "AWS IoT is unavailable (ServiceUnavailableException: Service unavailable): rerun in a"),
                Arguments.of(FakeIot.error("MalformedPolicyException", 400, "Policy document is malformed"),
                        "AWS IoT rejected the policy document (MalformedPolicyException"),
                Arguments.of(FakeIot.error("InvalidRequestException", 400, "1 validation error"),
                        "AWS IoT refused it (InvalidRequestException: 1 validation error): fix what the"));
    }

    @ParameterizedTest
    @MethodSource("failures")
    void eachFailureIsOneLineWithItsCauseAndFix(SdkException e, String start) {
        String line = AwsFailures.describe(e, "iot:CreateThing");
        assertTrue(line.startsWith(start), line);
        assertFalse(line.contains("\n"), line);
        assertFalse(line.contains("software.amazon"), line);
    }

    @Test
    void aNetworkFailureNamesTheHostThatDidNotResolve() {
        SdkClientException e = SdkClientException.builder()
                .message("Received an UnknownHostException when attempting to interact with a service. See cause "
                        + "for the exact endpoint that is failing to resolve. If this is happening on an endpoint ...")
                .cause(SdkClientException.create("Unable to execute HTTP request",
                        new java.net.UnknownHostException("iot.us-east-1.amazonaws.com")))
                .build();
        assertEquals("cannot reach AWS IoT (UnknownHostException: iot.us-east-1.amazonaws.com): check the network, "
                + "any proxy settings and --region", AwsFailures.describe(e, "iot:DescribeEndpoint"));
    }

    @Test
    void accessDeniedNamesTheMissingPermission() {
        String line = AwsFailures.describe(FakeIot.accessDenied("iot:AttachThingPrincipal"),
                "iot:AttachThingPrincipal");
        assertTrue(line.contains(": allow iot:AttachThingPrincipal for the AWS identity you run as"), line);
    }

    @Test
    void longMessagesAreShortened() {
        String line = AwsFailures.describe(FakeIot.error("InvalidRequestException", 400, "x".repeat(1000)), "a");
        assertEquals(-1, line.indexOf("x".repeat(201)), line);
        assertTrue(line.contains("x".repeat(200) + "..."), line);
    }
}
