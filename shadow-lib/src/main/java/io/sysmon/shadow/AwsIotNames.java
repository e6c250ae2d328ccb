package io.sysmon.shadow;

/**
 * AWS IoT's rules for the names a device uses. Each {@code require} method returns its argument when valid and
 * otherwise throws an {@link IllegalArgumentException} whose message names the value and the rule.
 */
public final class AwsIotNames {

    /** The longest thing name AWS IoT accepts. */
    public static final int MAX_THING_NAME_LENGTH = 128;
    /** The longest named-shadow name AWS IoT accepts. */
    public static final int MAX_SHADOW_NAME_LENGTH = 64;
    /** The longest MQTT client ID AWS IoT accepts, in UTF-8 bytes. */
    public static final int MAX_CLIENT_ID_BYTES = 128;

    private AwsIotNames() {
    }

    /**
     * @param name a candidate thing name
     * @return whether it is 1–128 characters of {@code [a-zA-Z0-9:_-]}
     */
    public static boolean isValidThingName(String name) {
        return name != null && matches(name, MAX_THING_NAME_LENGTH);
    }

    /**
     * @param name a thing name
     * @return {@code name}
     * @throws IllegalArgumentException when it is not 1–128 characters of {@code [a-zA-Z0-9:_-]}
     */
    public static String requireThingName(String name) {
        if (!isValidThingName(name)) {
            throw new IllegalArgumentException("thing name must be 1-" + MAX_THING_NAME_LENGTH
                    + " characters of a-z A-Z 0-9 : _ -, got " + quote(name));
        }
        return name;
    }

    /**
     * @param name a candidate named-shadow name
     * @return whether it is 1–64 characters of {@code [a-zA-Z0-9:_-]}
     */
    public static boolean isValidShadowName(String name) {
        return name != null && matches(name, MAX_SHADOW_NAME_LENGTH);
    }

    /**
     * @param c a character
     * @return whether it may appear in a thing or shadow name: {@code [a-zA-Z0-9:_-]}
     */
    public static boolean isNameCharacter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == ':' || c == '_' || c == '-';
    }

    /**
     * @param name a named shadow's name
     * @return {@code name}
     * @throws IllegalArgumentException when it is not 1–64 characters of {@code [a-zA-Z0-9:_-]}
     */
    public static String requireShadowName(String name) {
        if (!isValidShadowName(name)) {
            throw new IllegalArgumentException("shadow name must be 1-" + MAX_SHADOW_NAME_LENGTH
                    + " characters of a-z A-Z 0-9 : _ -, got " + quote(name));
        }
        return name;
    }

    /**
     * @param clientId an MQTT client ID
     * @return {@code clientId}
     * @throws IllegalArgumentException when it is empty, longer than 128 UTF-8 bytes or starts with {@code $}
     */
    public static String requireClientId(String clientId) {
        if (clientId == null || clientId.isEmpty() || clientId.startsWith("$")
                || clientId.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_CLIENT_ID_BYTES) {
            throw new IllegalArgumentException("client ID must be 1-" + MAX_CLIENT_ID_BYTES
                    + " bytes and must not start with '$', got " + quote(clientId));
        }
        return clientId;
    }

    /**
     * @param host the endpoint, e.g. {@code abc123-ats.iot.us-east-1.amazonaws.com}
     * @return {@code host}
     * @throws IllegalArgumentException when it is blank or carries a scheme or a port (an IPv6 literal in
     *     brackets may contain colons)
     */
    public static String requireEndpointHost(String host) {
        if (host == null || host.isBlank() || host.contains("://")
                || (host.contains(":") && !host.startsWith("["))) {
            throw new IllegalArgumentException("endpoint must be a bare host name such as "
                    + "abc123-ats.iot.us-east-1.amazonaws.com (no scheme, no port), got '" + host + "'");
        }
        return host;
    }

    /**
     * @param thingName a thing name
     * @return the name the AWS IoT console gives the thing's certificate: {@code <thing>-certificate.pem.crt}
     * @throws IllegalArgumentException when {@code thingName} is not a valid thing name
     */
    public static String certificateFileName(String thingName) {
        return requireThingName(thingName) + "-certificate.pem.crt";
    }

    /**
     * @param thingName a thing name
     * @return the name the AWS IoT console gives the thing's private key: {@code <thing>-private.pem.key}
     * @throws IllegalArgumentException when {@code thingName} is not a valid thing name
     */
    public static String privateKeyFileName(String thingName) {
        return requireThingName(thingName) + "-private.pem.key";
    }

    private static boolean matches(String name, int maxLength) {
        int length = name.length();
        if (length == 0 || length > maxLength) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (!isNameCharacter(name.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static String quote(String value) {
        return value == null ? "null" : "'" + value + "'";
    }
}
