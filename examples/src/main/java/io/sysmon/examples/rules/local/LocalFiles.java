package io.sysmon.examples.rules.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sysmon.examples.rules.InfluxDbWrite;
import io.sysmon.examples.rules.S3PutObject;
import io.sysmon.examples.store.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * The folders that stand in for S3, InfluxDB and CloudWatch Logs under the data directory. Every write reaches the
 * operating system before it returns. Names that come from messages are checked, so nothing is written outside
 * its folder.
 */
final class LocalFiles {

    static final String S3 = "s3";
    static final String INFLUXDB = "influxdb";
    static final String LOGS = "logs";

    /** S3 bucket names: 3 to 63 lowercase letters, digits, dots and hyphens (looser: any case, 1 to 255). */
    private static final Pattern BUCKET = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,254}");
    private static final Pattern FILE_NAME = Pattern.compile("[^A-Za-z0-9._-]+");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dataDir;

    LocalFiles(Path dataDir) {
        this.dataDir = dataDir;
    }

    /**
     * Puts an object, replacing one with the same key, as S3 does; readers never see half an object.
     *
     * @return the file written
     * @throws IllegalArgumentException when the bucket or key would leave the bucket's folder
     * @throws UncheckedIOException when the file cannot be written
     */
    Path putObject(S3PutObject put) {
        Path target = objectPath(put.bucketName(), put.key());
        try {
            Files.createDirectories(target.getParent());
            AtomicFiles.write(target, put.body(), StandardCharsets.UTF_8, null, true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
        return target;
    }

    /**
     * @return where an object goes: {@code <dataDir>/s3/<bucket>/<key>}
     * @throws IllegalArgumentException when the bucket name is not a folder name, or the key is absolute, names a
     *     folder ({@code /} at the end), or has a {@code .} or {@code ..} segment
     */
    Path objectPath(String bucket, String key) {
        if (!BUCKET.matcher(bucket).matches() || bucket.equals("..")) {
            throw new IllegalArgumentException("the bucket name '" + bucket + "' is not a valid bucket name");
        }
        if (key.isEmpty() || key.startsWith("/") || key.endsWith("/") || key.indexOf('\0') >= 0
                || key.indexOf('\\') >= 0) {
            throw new IllegalArgumentException("the object key '" + key + "' cannot be stored in a folder: it must "
                    + "not be empty, start or end with '/', or hold '\\' or NUL");
        }
        for (String segment : key.split("/", -1)) {
            if (segment.equals("..") || segment.equals(".") || segment.isEmpty()) {
                throw new IllegalArgumentException("the object key '" + key + "' has a '" + segment + "' segment, "
                        + "which would leave or alias the bucket's folder");
            }
        }
        Path bucketDir = dataDir.resolve(S3).resolve(bucket);
        Path target = bucketDir.resolve(key).normalize();
        if (!target.startsWith(bucketDir) || target.equals(bucketDir)) {
            throw new IllegalArgumentException("the object key '" + key + "' would leave the bucket's folder");
        }
        return target;
    }

    /**
     * Appends the point's line protocol to {@code <dataDir>/influxdb/<database>.lp}.
     *
     * @return the file
     */
    Path writePoint(InfluxDbWrite point) {
        Path file = dataDir.resolve(INFLUXDB).resolve(fileName(point.databaseName()) + ".lp");
        append(file, point.lineProtocol() + "\n");
        return file;
    }

    /**
     * Appends one log event, {@code {"time":..,"logGroupName":..,"message":..}}, to
     * {@code <dataDir>/logs/<log group>.log}; a message that is a JSON object is written as one.
     *
     * @return the file
     */
    Path putLogEvent(String logGroupName, String message, Instant at) {
        Path file = logFile(logGroupName);
        ObjectNode event = JSON.createObjectNode();
        event.put("time", at.toString());
        event.put("logGroupName", logGroupName);
        JsonNode parsed = null;
        try {
            parsed = message.startsWith("{") ? JSON.readTree(message) : null;
        } catch (IOException e) {
            // not JSON: written as a string
        }
        if (parsed != null && parsed.isObject()) {
            event.set("message", parsed);
        } else {
            event.put("message", message);
        }
        append(file, event + "\n");
        return file;
    }

    /** @return {@code <dataDir>/logs/<log group, sanitised>.log} */
    Path logFile(String logGroupName) {
        return dataDir.resolve(LOGS).resolve(fileName(logGroupName) + ".log");
    }

    /** @return a name safe as one file name: {@code /sysmon/iot-rule-errors} gives {@code sysmon_iot-rule-errors} */
    static String fileName(String name) {
        String safe = FILE_NAME.matcher(name).replaceAll("_");
        int start = 0;
        while (start < safe.length() && (safe.charAt(start) == '_' || safe.charAt(start) == '.')) {
            start++;
        }
        safe = safe.substring(start);
        return safe.isEmpty() ? "default" : safe;
    }

    /** The folder is created when a write finds it missing, rather than checked before every line. */
    private static void append(Path file, String text) {
        try {
            try {
                appendToExisting(file, text);
            } catch (NoSuchFileException e) {
                Files.createDirectories(file.getParent());
                appendToExisting(file, text);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + file + ": " + e.getMessage(), e);
        }
    }

    private static void appendToExisting(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
