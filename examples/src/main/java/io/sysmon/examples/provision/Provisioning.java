package io.sysmon.examples.provision;

import io.sysmon.examples.cli.CommandFailedException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Registers things the way the tutorial does by hand in the console, one after the other: for each thing,
 * CreateThing (an existing thing is fine), CreateKeysAndCertificate (active), the key and certificate files,
 * AttachPolicy and AttachThingPrincipal. Before the first thing it looks up the device data endpoint (which also
 * proves the credentials work before anything is created) and creates the policy unless it exists.
 *
 * <p>Progress goes to {@code out}, one line per thing as it is done, then the {@code export} lines the device
 * needs. A failure ends the run with a {@link CommandFailedException} whose one line names the thing, the call,
 * the cause, the fix, and which things were done.
 */
public final class Provisioning {

    private static final Pattern SHELL_SAFE = Pattern.compile("[A-Za-z0-9_./:@%+=,-]+");

    private final Supplier<IotProvisioner> connect;
    private final CredentialFiles files;
    private final PrintWriter out;

    /**
     * @param aws the AWS IoT calls
     * @param files where the credentials go
     * @param out where progress goes
     */
    public Provisioning(IotProvisioner aws, CredentialFiles files, PrintWriter out) {
        this(constant(Objects.requireNonNull(aws, "aws")), files, out);
    }

    /**
     * @param connect opens the AWS IoT calls, once, when {@link #run} gets past its checks: a run that refuses
     *     to overwrite files opens no client; it may throw a {@link CommandFailedException}
     * @param files where the credentials go
     * @param out where progress goes
     */
    public Provisioning(Supplier<IotProvisioner> connect, CredentialFiles files, PrintWriter out) {
        this.connect = Objects.requireNonNull(connect, "connect");
        this.files = Objects.requireNonNull(files, "files");
        this.out = Objects.requireNonNull(out, "out");
    }

    private static Supplier<IotProvisioner> constant(IotProvisioner aws) {
        return () -> aws;
    }

    /**
     * @param thingNames the things, valid and distinct
     * @param policyName the policy to attach, created from {@code policyDocument} unless it exists
     * @param policyDocument the policy document to create it with
     * @param overwrite whether existing key and certificate files may be replaced
     * @return the device data endpoint
     * @throws CommandFailedException when a file exists and {@code overwrite} is false (before any AWS call), or
     *     when connecting, a call or a file write fails
     */
    public String run(List<String> thingNames, String policyName, String policyDocument, boolean overwrite) {
        if (!overwrite) {
            refuseToOverwrite(files, thingNames);
        }
        IotProvisioner aws = connect.get();
        try {
            if (files.prepareDirectory()) {
                out.println(files.dir() + ": mode set to 700 (owner only), as private keys live here");
            }
        } catch (IOException e) {
            throw new CommandFailedException("cannot create or protect the directory " + files.dir() + " ("
                    + e.getMessage() + "): choose another with --certs-dir; nothing was created in AWS", e);
        }
        Progress progress = new Progress(thingNames);

        String endpoint = call(progress, null, "DescribeEndpoint", "iot:DescribeEndpoint", aws::dataEndpoint);
        out.println("AWS IoT device data endpoint: " + endpoint);
        boolean policyExists = call(progress, null, "GetPolicy", "iot:GetPolicy",
                () -> aws.policyExists(policyName));
        if (policyExists) {
            out.println("policy " + policyName + ": exists; attaching it as it is");
        } else {
            call(progress, null, "CreatePolicy", "iot:CreatePolicy", () -> {
                aws.createPolicy(policyName, policyDocument);
                return null;
            });
            out.println("policy " + policyName + ": created");
        }

        for (String thing : thingNames) {
            provision(aws, thing, policyName, overwrite, progress);
            progress.done(thing);
        }

        Path rootCa = files.rootCaFile();
        if (!Files.exists(rootCa)) {
            out.println(rootCa + " is missing (sysmon does not download it); get Amazon's root CA with:");
            out.println("  curl -fsS -o " + shellWord(rootCa.toString()) + " " + CredentialFiles.AMAZON_ROOT_CA_URL);
        }
        out.println("Provisioned " + thingNames.size() + " thing(s). The devices' environment:");
        out.println("export AWS_IOT_HOST=" + shellWord(endpoint));
        out.println("export CERTS_DIR=" + shellWord(files.dir().toString()));
        return endpoint;
    }

    /**
     * Checks, before anything else, that no thing's certificate or key file exists; {@link #run} calls it before it
     * even connects to AWS.
     *
     * @param files where the credentials go
     * @param thingNames the things about to be provisioned
     * @throws CommandFailedException naming the first existing file
     */
    public static void refuseToOverwrite(CredentialFiles files, List<String> thingNames) {
        List<Path> existing = files.existing(thingNames);
        if (!existing.isEmpty()) {
            throw new CommandFailedException(existing.get(0) + " exists"
                    + (existing.size() > 1 ? " (and " + (existing.size() - 1) + " more)" : "")
                    + ": refusing to overwrite a device's credentials; move them away, or pass --force to issue "
                    + "new certificates (the old ones stay active in AWS IoT until you deactivate them)", null);
        }
    }

    private void provision(IotProvisioner aws, String thing, String policyName, boolean overwrite,
            Progress progress) {
        boolean created = call(progress, thing, "CreateThing", "iot:CreateThing", () -> aws.ensureThing(thing));
        IssuedCertificate certificate = call(progress, thing, "CreateKeysAndCertificate",
                "iot:CreateKeysAndCertificate", aws::createActiveCertificate);
        try {
            files.write(thing, certificate, overwrite);
        } catch (IOException e) {
            throw new CommandFailedException(thing + ": cannot write " + files.privateKeyFile(thing) + " or its "
                    + "certificate (" + e.getClass().getSimpleName() + ": " + e.getMessage() + "): fix the "
                    + "directory and rerun; then deactivate the certificate that has no key: aws iot "
                    + "update-certificate --certificate-id " + certificate.id() + " --new-status INACTIVE"
                    + progress.summary(thing), e);
        }
        String finish = "; its certificate is saved in " + files.dir() + ": once fixed, finish with 'aws iot "
                + "attach-policy --policy-name " + policyName + " --target " + certificate.arn() + "' and 'aws "
                + "iot attach-thing-principal --thing-name " + thing + " --principal " + certificate.arn() + "'";
        call(progress, thing, "AttachPolicy", "iot:AttachPolicy", finish, () -> {
            aws.attachPolicy(policyName, certificate.arn());
            return null;
        });
        call(progress, thing, "AttachThingPrincipal", "iot:AttachThingPrincipal", finish, () -> {
            aws.attachThing(thing, certificate.arn());
            return null;
        });
        out.println(thing + ": thing " + (created ? "created" : "existed") + ", certificate " + certificate.id()
                + " active with policy " + policyName + " -> " + files.certificateFile(thing) + ", "
                + files.privateKeyFile(thing));
    }

    private <T> T call(Progress progress, String thing, String operation, String iamAction, Supplier<T> call) {
        return call(progress, thing, operation, iamAction, "", call);
    }

    private <T> T call(Progress progress, String thing, String operation, String iamAction, String afterwards,
            Supplier<T> call) {
        try {
            return call.get();
        } catch (SdkException e) {
            String who = thing == null ? "" : thing + ": ";
            throw new CommandFailedException(who + operation + " failed: " + AwsFailures.describe(e, iamAction)
                    + afterwards + progress.summary(thing), e);
        }
    }

    private static String shellWord(String text) {
        return SHELL_SAFE.matcher(text).matches() ? text : "'" + text.replace("'", "'\\''") + "'";
    }

    /** Which things are done, for the failure line. */
    private static final class Progress {
        private final List<String> all;
        private final List<String> done = new ArrayList<>();

        Progress(List<String> all) {
            this.all = all;
        }

        void done(String thing) {
            done.add(thing);
        }

        String summary(String failed) {
            if (done.isEmpty() && failed == null) {
                return "; nothing was created";
            }
            List<String> notDone = all.stream().filter(t -> !done.contains(t)).collect(Collectors.toList());
            return "; done: " + (done.isEmpty() ? "none" : String.join(", ", done))
                    + "; not done: " + String.join(", ", notDone);
        }
    }
}
