package io.sysmon.shadow.local.internal;

import io.sysmon.shadow.AwsIotNames;

/** {@link AwsIotNames}' rule applied to part of a topic, so that parsing a topic copies no name it rejects. */
final class Names {

    private Names() {
    }

    /**
     * Whether {@code s[from, to)} is a valid name of at most {@code maxLength} characters: one of
     * {@link AwsIotNames#MAX_THING_NAME_LENGTH} and {@link AwsIotNames#MAX_SHADOW_NAME_LENGTH}.
     */
    static boolean isValid(String s, int from, int to, int maxLength) {
        int length = to - from;
        if (length < 1 || length > maxLength) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (!AwsIotNames.isNameCharacter(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
