package io.sysmon.examples.cli;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The one Jackson mapper the commands and the dashboard share. */
public final class Json {

    /**
     * Jackson's defaults, nothing configured. Thread-safe for reading and writing; a mapper is costly to build and
     * caches what it learns about types, so one serves everyone. Do not reconfigure it: derive an
     * {@code ObjectReader} or {@code ObjectWriter} for other settings.
     */
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }
}
