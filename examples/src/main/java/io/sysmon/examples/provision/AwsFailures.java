package io.sysmon.examples.provision;

import java.io.IOException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Words an AWS SDK failure as one line: what went wrong, then what to do. The SDK's own messages run to several
 * lines and name Java classes; a user needs the cause (no credentials, access denied, throttled) and the fix.
 */
public final class AwsFailures {

    private static final Set<String> BAD_CREDENTIALS = Set.of("UnrecognizedClientException",
            "InvalidClientTokenId", "InvalidSignatureException", "SignatureDoesNotMatch", "IncompleteSignature");
    private static final Set<String> EXPIRED_CREDENTIALS = Set.of("ExpiredToken", "ExpiredTokenException",
            "RequestExpired", "TokenRefreshRequired");
    private static final Set<String> ACCESS_DENIED = Set.of("AccessDenied", "AccessDeniedException",
            "UnauthorizedException", "UnauthorizedOperation");
    private static final int MAX_DETAIL = 200;

    private AwsFailures() {
    }

    /**
     * @param e what the SDK threw
     * @param iamAction the IAM action the failed call needs, e.g. {@code iot:CreateThing}, named when access is
     *     denied
     * @return one line, {@code PROBLEM (DETAIL): FIX}
     */
    public static String describe(SdkException e, String iamAction) {
        if (e instanceof AwsServiceException) {
            return describeService((AwsServiceException) e, iamAction);
        }
        String message = oneLine(e.getMessage());
        String lower = message.toLowerCase(Locale.ROOT);
        if (lower.contains("unable to load credentials")) {
            return "no AWS credentials found: run 'aws configure' (or 'aws sso login'), or set AWS_PROFILE, or "
                    + "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY";
        }
        if (lower.contains("unable to load region")) {
            return "no AWS region set: pass --region (e.g. --region us-east-1) or export AWS_REGION";
        }
        return "cannot reach AWS IoT (" + networkCause(e).orElse(shorten(message)) + "): check the network, any "
                + "proxy settings and --region";
    }

    /** @return the I/O failure under the SDK's wrapping, e.g. {@code UnknownHostException: iot.us-east-1...} */
    private static Optional<String> networkCause(Throwable e) {
        String found = null;
        for (Throwable t = e.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
            if (t instanceof IOException) {
                found = t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + shorten(t.getMessage()));
            }
        }
        return Optional.ofNullable(found);
    }

    private static String describeService(AwsServiceException e, String iamAction) {
        AwsErrorDetails details = e.awsErrorDetails();
        String code = details == null || details.errorCode() == null ? "" : details.errorCode();
        String detail = "(" + (code.isEmpty() ? "HTTP " + e.statusCode() : code)
                + (details == null || details.errorMessage() == null ? "" : ": " + shorten(details.errorMessage()))
                + ")";
        if (e.isThrottlingException() || code.contains("Throttl") || code.equals("LimitExceededException")) {
            return "throttled by AWS IoT " + detail + ": wait a minute, then rerun; the things listed as done "
                    + "are kept";
        }
        if (BAD_CREDENTIALS.contains(code)) {
            return "AWS rejected the credentials " + detail + ": check that 'aws sts get-caller-identity' works "
                    + "with the same profile, and that this machine's clock is right";
        }
        if (EXPIRED_CREDENTIALS.contains(code)) {
            return "the AWS credentials have expired " + detail + ": refresh them (e.g. 'aws sso login'), then rerun";
        }
        if (ACCESS_DENIED.contains(code) || e.statusCode() == 401 || e.statusCode() == 403) {
            return "access denied " + detail + ": allow " + iamAction + " for the AWS identity you run as (all "
                    + "that provision needs is in examples/policies/provision-operator-iam.json)";
        }
        if (code.equals("MalformedPolicyException")) {
            return "AWS IoT rejected the policy document " + detail + ": check the file given with --policy-file";
        }
        if (e.statusCode() >= 500) {
            return "AWS IoT is unavailable " + detail + ": rerun in a few minutes";
        }
        return "AWS IoT refused it " + detail + ": fix what the message names, then rerun";
    }

    /** Keeps the first line, at most {@value #MAX_DETAIL} characters. */
    static String shorten(String message) {
        String line = oneLine(message);
        return line.length() <= MAX_DETAIL ? line : line.substring(0, MAX_DETAIL) + "...";
    }

    private static String oneLine(String message) {
        if (message == null) {
            return "no message";
        }
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).strip();
    }
}
