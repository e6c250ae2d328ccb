package io.sysmon.examples.rules;

/**
 * The AWS IoT SQL versions a rule's {@code awsIotSqlVersion} can name. They differ in number handling: under
 * {@link #V2016_03_23} a whole-number decimal such as {@code 10.0} is processed as the integer {@code 10} (even
 * through {@code cast(... AS Decimal)}), while {@link #V2015_10_08} keeps it a decimal. Some functions
 * ({@code isUndefined}, {@code parse_time}, {@code length}), the casts to {@code Decimal} and {@code Boolean},
 * and object and array literals exist only from 2016-03-23.
 */
public enum SqlVersion {
    /** The original version, AWS's default when a rule names none; keeps {@code 10.0} a decimal. */
    V2015_10_08("2015-10-08"),
    /** The current version; turns whole-number decimals into integers. */
    V2016_03_23("2016-03-23");

    private final String label;

    SqlVersion(String label) {
        this.label = label;
    }

    /** @return the version as a rule file writes it, e.g. {@code 2016-03-23} */
    public String label() {
        return label;
    }

    /**
     * @param label a rule file's {@code awsIotSqlVersion}
     * @return the version, or {@code null} when {@code label} names none
     */
    public static SqlVersion fromLabel(String label) {
        for (SqlVersion v : values()) {
            if (v.label.equals(label)) {
                return v;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return label;
    }
}
