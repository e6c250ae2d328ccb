package io.sysmon.examples.dashboard;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Headless Chromium as a process: loads a page, lets it run for a bounded (virtual) time, then dumps the DOM or
 * takes a screenshot. Every run is bounded by a timeout and killed, with its child processes, when it ends.
 */
public final class Chromium {

    public static final String NOT_FOUND = "Chromium not found (install Debian's chromium package: apt-get install -y "
            + "chromium); skipping the browser test";

    private static final Duration TIMEOUT = Duration.ofSeconds(90);
    /** Virtual time the page gets to load, fetch and draw: several 2-second polls. */
    private static final int VIRTUAL_TIME_BUDGET_MS = 15_000;

    private final Path executable;
    private final Path workDir;

    private Chromium(Path executable, Path workDir) {
        this.executable = executable;
        this.workDir = workDir;
    }

    /**
     * @param workDir where profiles, output and logs go
     * @return Chromium from {@code $CHROME_BIN}, {@code /usr/bin/chromium} or {@code /usr/bin/chromium-browser}, or
     *     empty when there is none
     */
    public static Optional<Chromium> find(Path workDir) {
        List<String> candidates = new ArrayList<>();
        String env = System.getenv("CHROME_BIN");
        if (env != null && !env.isBlank()) {
            candidates.add(env);
        }
        candidates.add("/usr/bin/chromium");
        candidates.add("/usr/bin/chromium-browser");
        for (String candidate : candidates) {
            Path path = Path.of(candidate);
            if (Files.isRegularFile(path) && Files.isExecutable(path)) {
                return Optional.of(new Chromium(path, workDir));
            }
        }
        return Optional.empty();
    }

    /** @return the page's DOM after {@value #VIRTUAL_TIME_BUDGET_MS} ms of virtual time */
    public String dumpDom(URI page) throws IOException, InterruptedException {
        Path out = run("dom", page, List.of("--dump-dom"));
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    /** Saves a 1400 x 1000 screenshot of the page after {@value #VIRTUAL_TIME_BUDGET_MS} ms of virtual time. */
    public void screenshot(URI page, Path png) throws IOException, InterruptedException {
        Files.createDirectories(png.toAbsolutePath().getParent());
        Files.deleteIfExists(png);
        run("screenshot", page, List.of("--screenshot=" + png.toAbsolutePath(), "--window-size=1400,1000",
                "--hide-scrollbars"));
        if (!Files.isRegularFile(png)) {
            throw new AssertionError("Chromium wrote no screenshot to " + png);
        }
    }

    private Path run(String name, URI page, List<String> action) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(workDir, name + "-profile");
        Path stdout = workDir.resolve(name + ".out");
        Path stderr = workDir.resolve(name + ".err");
        List<String> command = new ArrayList<>(List.of(executable.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile,
                "--virtual-time-budget=" + VIRTUAL_TIME_BUDGET_MS));
        command.addAll(action);
        command.add(page.toString());
        Process process = new ProcessBuilder(command).redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile()).start();
        try {
            if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("Chromium did not finish within " + TIMEOUT + "; its log:\n" + tail(stderr));
            }
            if (process.exitValue() != 0) {
                throw new AssertionError("Chromium exited with " + process.exitValue() + "; its log:\n"
                        + tail(stderr));
            }
            return stdout;
        } finally {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }
}
