package io.sysmon.shadow.local.internal;

/** AWS IoT's rules for thing and shadow names, checked without regular expressions (they run per message). */
final class Names {

    static final int MAX_THING_NAME_LENGTH = 128;
    static final int MAX_SHADOW_NAME_LENGTH = 64;

    private Names() {
    }

    static boolean isValidThingName(String name) {
        return isValid(name, 0, name.length(), MAX_THING_NAME_LENGTH);
    }

    static boolean isValidShadowName(String name) {
        return isValid(name, 0, name.length(), MAX_SHADOW_NAME_LENGTH);
    }

    /** Whether {@code s[from, to)} is a valid name of at most {@code maxLength} characters. */
    static boolean isValid(String s, int from, int to, int maxLength) {
        int length = to - from;
        if (length < 1 || length > maxLength) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (!isNameChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isNameChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == ':' || c == '_' || c == '-';
    }
}
