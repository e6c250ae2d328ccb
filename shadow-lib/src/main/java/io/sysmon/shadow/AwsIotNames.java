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
     * @param name a named shadow's name
     * @return {@code name}
     * @throws IllegalArgumentException when it is not 1–64 characters of {@code [a-zA-Z0-9:_-]}
     */
    public static String requireShadowName(String name) {
        if (name == null || !matches(name, MAX_SHADOW_NAME_LENGTH)) {
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

    private static boolean matches(String name, int maxLength) {
        int length = name.length();
        if (length == 0 || length > maxLength) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = name.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == ':' || c == '_' || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static String quote(String value) {
        return value == null ? "null" : "'" + value + "'";
    }
}
