package io.sysmon.examples.store;

import io.sysmon.examples.rules.TimestreamWrite;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.slf4j.LoggerFactory;

/**
 * The local stand-in for Amazon Timestream: keeps the records of the rules' {@code timestream} actions on disk in
 * Timestream's record layout and answers dashboard queries from memory.
 *
 * <pre>{@code
 * try (TimeSeriesStore store = TimeSeriesStore.open(Path.of("data"))) {
 *     store.write(timestreamWrite);               // from the rules engine
 *     store.series("cpu_usage", from, to, Set.of(), 500);
 * }
 * }</pre>
 *
 * <p><b>On disk</b>: {@code <dataDir>/timestream/<database>/<table>/<yyyy-MM-dd>.jsonl}, one file per UTC day of
 * the records' time, one record per line (see the package description for the layout). Files are only ever
 * appended to; each {@link #write} (one message's records) reaches the operating system before it returns, so a
 * crash of this process loses nothing that was written (a power cut may lose what the OS had not yet synced).
 * {@link #open} loads the files of the last {@value #LOADED_DAYS} days (and any later ones) back into memory,
 * skipping lines that are not records with one warning per file.
 *
 * <p><b>In memory</b>: one series per device (the {@code device_id} dimension) and numeric measure (DOUBLE and
 * BIGINT), held in primitive arrays and queried by binary search; records of every database and table are merged.
 * BOOLEAN and VARCHAR records are kept on disk and named by {@link #measures()}, but have no series. A record at
 * the time of an earlier one of the same device and measure replaces it in memory (Timestream would reject a
 * different value; both stay in the file, and the later line wins on the next load).
 *
 * <p>Thread-safe: one writer at a time (writes are serialised), any number of concurrent readers, which only
 * wait for the writer while it changes the one series they read.
 */
public final class TimeSeriesStore implements MetricsQuery, AutoCloseable {

    /** How many days of files {@link #open} loads, counting back from today (UTC). */
    public static final int LOADED_DAYS = 7;
    /** The subdirectory of the data directory that holds the files. */
    public static final String DIRECTORY = "timestream";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,256}");
    private static final Pattern DAY_FILE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}\\.jsonl");
    private static final String SUFFIX = ".jsonl";
    /** Open append channels kept at once; devices with wrong clocks may write to many days. */
    private static final int MAX_OPEN_FILES = 8;

    private final Path root;
    private final Consumer<String> warnings;
    private final Map<String, Map<String, Series>> byMeasure = new ConcurrentHashMap<>();
    private final Map<String, Long> lastSeenMillis = new ConcurrentHashMap<>();
    private final Set<String> measureNames = ConcurrentHashMap.newKeySet();
    private final Object writeLock = new Object();
    /** The append channels, least recently used first; guarded by writeLock. */
    private final LinkedHashMap<Path, FileChannel> channels = new LinkedHashMap<>(16, 0.75f, true);
    private boolean closed;
    private volatile LoadSummary loaded = new LoadSummary(0, 0, 0);

    /**
     * What {@link #open} read back.
     *
     * @param files the files read
     * @param records the records loaded
     * @param skippedLines the lines skipped because they were not records (a crash mid-write, an edit)
     */
    public record LoadSummary(int files, long records, long skippedLines) {
    }

    private TimeSeriesStore(Path root, Consumer<String> warnings) {
        this.root = root;
        this.warnings = warnings;
    }

    /**
     * Opens (or creates) the store in {@code dataDir} and loads the last {@value #LOADED_DAYS} days, using the
     * system clock for "today".
     *
     * @param dataDir the data directory; the store uses its {@value #DIRECTORY} subdirectory
     * @return the store
     * @throws DataDirectoryException when the directory cannot be created or written
     */
    public static TimeSeriesStore open(Path dataDir) {
        return open(dataDir, Clock.systemUTC());
    }

    /**
     * @param dataDir the data directory; the store uses its {@value #DIRECTORY} subdirectory
     * @param clock says which days are the last {@value #LOADED_DAYS}
     * @return the store
     * @throws DataDirectoryException when the directory cannot be created or written
     */
    public static TimeSeriesStore open(Path dataDir, Clock clock) {
        return open(dataDir, clock, LoggerFactory.getLogger(TimeSeriesStore.class)::warn);
    }

    /** @param warnings where the one-line warnings about skipped lines go (a test collects them) */
    static TimeSeriesStore open(Path dataDir, Clock clock, Consumer<String> warnings) {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(clock, "clock");
        Path root = DataDirectory.prepare(dataDir.resolve(DIRECTORY));
        TimeSeriesStore store = new TimeSeriesStore(root, Objects.requireNonNull(warnings, "warnings"));
        store.load(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).minusDays(LOADED_DAYS));
        return store;
    }

    /** @return the directory holding the files, {@code <dataDir>/timestream} */
    public Path directory() {
        return root;
    }

    /** @return what {@link #open} loaded */
    public LoadSummary loaded() {
        return loaded;
    }

    /**
     * Writes one message's records: appends them to the day files and adds them to the series. Either every
     * record is checked and written, or, when one is invalid, none is.
     *
     * @param write the records a {@code timestream} action renders for one message
     * @throws IllegalArgumentException when a name would not be a valid Timestream name, or a record is invalid
     *     (no dimension, a value that is not of its type, a time that does not fit): the message says which
     * @throws UncheckedIOException when the file cannot be written; the message names it
     * @throws IllegalStateException when the store is closed
     */
    public void write(TimestreamWrite write) {
        checkName("database", write.databaseName());
        checkName("table", write.tableName());
        List<RecordLines.Line> lines = new ArrayList<>(write.records().size());
        for (TimestreamWrite.Record r : write.records()) {
            lines.add(RecordLines.of(r));
        }
        Path table = root.resolve(write.databaseName()).resolve(write.tableName());
        Map<Path, ByteArrayOutputStream> byFile = new LinkedHashMap<>(2);
        for (RecordLines.Line line : lines) {
            Path file = table.resolve(day(line.epochMillis()) + SUFFIX);
            RecordLines.write(line, byFile.computeIfAbsent(file, f -> new ByteArrayOutputStream(1024)));
        }
        synchronized (writeLock) {
            if (closed) {
                throw new IllegalStateException("the time-series store in " + root + " is closed");
            }
            for (Map.Entry<Path, ByteArrayOutputStream> e : byFile.entrySet()) {
                append(e.getKey(), e.getValue().toByteArray());
            }
            for (RecordLines.Line line : lines) {
                remember(line);
            }
        }
    }

    private static void checkName(String what, String name) {
        if (name == null || !NAME.matcher(name).matches() || name.equals(".") || name.equals("..")) {
            throw new IllegalArgumentException("the Timestream " + what + " name '" + name + "' must be 1 to 256 "
                    + "letters, digits, '_', '-' or '.'");
        }
    }

    private static String day(long epochMillis) {
        return LocalDate.ofInstant(Instant.ofEpochMilli(epochMillis), ZoneOffset.UTC).toString();
    }

    private void append(Path file, byte[] bytes) {
        FileChannel channel = channels.get(file);
        try {
            if (channel == null) {
                channel = openForAppend(file);
            }
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        } catch (IOException e) {
            FileChannel broken = channels.remove(file);
            closeQuietly(broken);
            throw new UncheckedIOException("cannot append to " + file + ": " + DataDirectory.reason(e), e);
        }
    }

    private FileChannel openForAppend(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        boolean endLine = false;
        if (Files.exists(file)) { // a line cut short by a crash: end it, so the next record starts on its own line
            try (SeekableByteChannel in = Files.newByteChannel(file, StandardOpenOption.READ)) {
                long size = in.size();
                if (size > 0) {
                    ByteBuffer last = ByteBuffer.allocate(1);
                    in.position(size - 1).read(last);
                    endLine = last.get(0) != '\n';
                }
            }
        }
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        if (endLine) {
            try {
                channel.write(ByteBuffer.wrap(new byte[] {'\n'}));
            } catch (IOException e) {
                channel.close();
                throw e;
            }
        }
        channels.put(file, channel);
        if (channels.size() > MAX_OPEN_FILES) {
            Iterator<FileChannel> eldest = channels.values().iterator();
            closeQuietly(eldest.next());
            eldest.remove();
        }
        return channel;
    }

    private void remember(RecordLines.Line line) {
        measureNames.add(line.measureName());
        String device = line.dimensions().get(RecordLines.DEVICE_DIMENSION);
        if (device == null) {
            return;
        }
        long time = line.epochMillis();
        lastSeenMillis.merge(device, time, Math::max);
        double value = line.numericValue();
        if (!Double.isNaN(value)) {
            byMeasure.computeIfAbsent(line.measureName(), m -> new ConcurrentHashMap<>())
                    .computeIfAbsent(device, d -> new Series())
                    .put(time, value);
        }
    }

    // ---- loading ----------------------------------------------------------------------------------------------

    private void load(LocalDate oldestDay) {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> databases = Files.newDirectoryStream(root, Files::isDirectory)) {
            for (Path database : databases) {
                try (DirectoryStream<Path> tables = Files.newDirectoryStream(database, Files::isDirectory)) {
                    for (Path table : tables) {
                        try (DirectoryStream<Path> days = Files.newDirectoryStream(table,
                                f -> DAY_FILE.matcher(f.getFileName().toString()).matches())) {
                            for (Path day : days) {
                                if (!dayOf(day).isBefore(oldestDay)) {
                                    files.add(day);
                                }
                            }
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new DataDirectoryException(root, "cannot list it: " + DataDirectory.reason(e), e);
        }
        // Oldest day first, so that points are mostly appended rather than inserted.
        files.sort((a, b) -> a.getFileName().compareTo(b.getFileName()));
        long records = 0;
        long skipped = 0;
        for (Path file : files) {
            long[] counts = loadFile(file);
            records += counts[0];
            skipped += counts[1];
        }
        loaded = new LoadSummary(files.size(), records, skipped);
    }

    private static LocalDate dayOf(Path file) {
        String name = file.getFileName().toString();
        try {
            return LocalDate.parse(name.substring(0, name.length() - SUFFIX.length()));
        } catch (DateTimeParseException e) {
            return LocalDate.MIN;
        }
    }

    /** @return {records loaded, lines skipped} */
    private long[] loadFile(Path file) {
        LineCounts counts = new LineCounts();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            int start = 0;
            int end = 0;
            while (true) {
                int n = in.read(buffer, end, buffer.length - end);
                if (n < 0) {
                    if (end > start) {
                        counts.line(buffer, start, end - start);
                    }
                    break;
                }
                int scanFrom = end;
                end += n;
                for (int i = scanFrom; i < end; i++) {
                    if (buffer[i] == '\n') {
                        counts.line(buffer, start, i - start);
                        start = i + 1;
                    }
                }
                if (start > 0) { // keep the unfinished line at the front
                    System.arraycopy(buffer, start, buffer, 0, end - start);
                    end -= start;
                    start = 0;
                }
                if (end == buffer.length) {
                    buffer = Arrays.copyOf(buffer, buffer.length * 2);
                }
            }
        } catch (IOException e) {
            warnings.accept("cannot read " + file + " (" + DataDirectory.reason(e) + "); its records are not loaded");
        }
        if (counts.skipped > 0) {
            warnings.accept("skipped " + counts.skipped + (counts.skipped == 1 ? " line" : " lines") + " of " + file
                    + " that " + (counts.skipped == 1 ? "is" : "are") + " not a record (first: line "
                    + counts.firstSkipped + "), e.g. cut short by a crash");
        }
        return new long[] {counts.records, counts.skipped};
    }

    /** Loads one file's lines, counting what it loads and skips. */
    private final class LineCounts {
        long lineNumber;
        long records;
        long skipped;
        long firstSkipped;

        void line(byte[] bytes, int offset, int length) {
            lineNumber++;
            if (length == 0 || (length == 1 && bytes[offset] == '\r')) {
                return; // a blank line is no record, and no damage either
            }
            RecordLines.Line record = RecordLines.parse(bytes, offset, length);
            if (record != null) {
                remember(record);
                records++;
            } else if (skipped++ == 0) {
                firstSkipped = lineNumber;
            }
        }
    }

    // ---- queries ----------------------------------------------------------------------------------------------

    @Override
    public Set<String> devices() {
        return Collections.unmodifiableSet(new TreeSet<>(lastSeenMillis.keySet()));
    }

    /** @return every measure name written so far, numeric or not (only numeric ones have series), sorted */
    @Override
    public Set<String> measures() {
        return Collections.unmodifiableSet(new TreeSet<>(measureNames));
    }

    @Override
    public Optional<Instant> lastSeen(String device) {
        Long millis = lastSeenMillis.get(device);
        return millis == null ? Optional.empty() : Optional.of(Instant.ofEpochMilli(millis));
    }

    /**
     * {@inheritDoc}
     *
     * <p>Here: the usual interval is the median interval between the series' points in and around the window,
     * and a gap is more than three of them; buckets are equal spans of time between the window's first and last
     * point, each averaged to its points' mean time and mean value; devices are in name order; a non-numeric
     * measure has no series.
     *
     * @throws IllegalArgumentException when {@code maxPoints} is less than 2
     */
    @Override
    public Map<String, List<SeriesPoint>> series(String measure, Instant from, Instant to, Set<String> devices,
            int maxPoints) {
        if (maxPoints < 2) {
            throw new IllegalArgumentException("maxPoints must be at least 2, got " + maxPoints);
        }
        Map<String, Series> all = byMeasure.get(Objects.requireNonNull(measure, "measure"));
        if (all == null || from.isAfter(to)) {
            return Map.of();
        }
        long fromMillis = millis(from);
        long toMillis = millis(to);
        Map<String, List<SeriesPoint>> result = new TreeMap<>();
        if (devices.isEmpty()) {
            all.forEach((device, series) -> add(result, device, series, fromMillis, toMillis, maxPoints));
        } else {
            for (String device : devices) {
                add(result, device, all.get(device), fromMillis, toMillis, maxPoints);
            }
        }
        return Collections.unmodifiableMap(result);
    }

    private static void add(Map<String, List<SeriesPoint>> result, String device, Series series, long from, long to,
            int maxPoints) {
        if (series != null) {
            List<SeriesPoint> points = series.points(from, to, maxPoints);
            if (!points.isEmpty()) {
                result.put(device, Collections.unmodifiableList(points));
            }
        }
    }

    private static long millis(Instant t) {
        try {
            return t.toEpochMilli();
        } catch (ArithmeticException e) {
            return t.isBefore(Instant.EPOCH) ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }

    /** Closes the files; later writes fail, queries keep answering from memory. Idempotent. */
    @Override
    public void close() {
        synchronized (writeLock) {
            closed = true;
            channels.values().forEach(TimeSeriesStore::closeQuietly);
            channels.clear();
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                LoggerFactory.getLogger(TimeSeriesStore.class).debug("closing a file: {}", e.toString());
            }
        }
    }

    @Override
    public String toString() {
        return "TimeSeriesStore{" + root + "}";
    }
}
