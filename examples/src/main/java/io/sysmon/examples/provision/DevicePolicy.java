package io.sysmon.examples.provision;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The least-privilege device policy {@code sysmon provision} creates when the account has none of the name
 * given: a device may connect only as the thing its certificate is attached to, and use only that thing's
 * shadow topics (classic and named). It is {@code examples/policies/device-least-privilege.json}, packed into the
 * jar under {@code policies/} so that {@code sysmon.jar} works from any directory.
 */
public final class DevicePolicy {

    /** The policy name {@code sysmon provision} and the CloudFormation stack use unless told otherwise. */
    public static final String DEFAULT_NAME = "sysmon-device";

    /** The policy file's path on the class path. */
    public static final String RESOURCE = "policies/device-least-privilege.json";

    private DevicePolicy() {
    }

    /**
     * @return the policy document, as the file holds it; region and account are {@code *} so that it deploys
     *     unchanged anywhere
     * @throws IllegalStateException when the jar lacks the file (the tests make sure it has it)
     */
    public static String leastPrivilege() {
        try (InputStream in = DevicePolicy.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("no resource " + RESOURCE + " on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + RESOURCE, e);
        }
    }
}
