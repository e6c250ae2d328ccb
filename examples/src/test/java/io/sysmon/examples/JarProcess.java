package io.sysmon.examples;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * {@code java -jar sysmon.jar ARGS} as a real process, its stdout and stderr read line by line on their own
 * threads so that neither pipe fills up. Every wait is bounded; {@link #close()} kills what is still running.
 */
final class JarProcess implements AutoCloseable {

    private static final Duration DRAIN = Duration.ofSeconds(10);

    private final Process process;
    private final Pump out;
    private final Pump err;

    private JarProcess(Process process) {
        this.process = process;
        this.out = new Pump(process.getInputStream(), "stdout");
        this.err = new Pump(process.getErrorStream(), "stderr");
    }

    /** Starts {@code java -jar sysmon.jar args}; the jar's path comes from the {@code sysmon.jar} property. */
    static JarProcess start(String... args) throws IOException {
        List<String> command = javaJar();
        command.addAll(List.of(args));
        return new JarProcess(new ProcessBuilder(command).start());
    }

    /** Starts any command, e.g. a shell pipeline around {@link #javaJar()}. */
    static JarProcess startCommand(List<String> command) throws IOException {
        return new JarProcess(new ProcessBuilder(command).start());
    }

    /** @return {@code [JAVA, -jar, SYSMON_JAR]}, a new mutable list */
    static List<String> javaJar() {
        Path jar = Path.of(System.getProperty("sysmon.jar", "target/sysmon.jar"));
        assertTrue(Files.isRegularFile(jar), jar + " is missing: run the integration tests after package");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-jar");
        command.add(jar.toString());
        return command;
    }

    Process process() {
        return process;
    }

    /** Writes one line to the process's stdin and flushes it. */
    void writeLine(String line) throws IOException {
        OutputStream in = process.getOutputStream();
        in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    /**
     * @return the next stdout line that matches {@code regex}, skipping others; fails the test when none comes
     *     within {@code timeout}
     */
    String awaitOutLine(String regex, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            String line = left > 0 ? out.lines.poll(left, TimeUnit.NANOSECONDS) : null;
            if (line == null) {
                fail("no stdout line matching " + regex + " within " + timeout + "; stderr so far:\n"
                        + String.join("\n", err.drainSoFar()));
            }
            if (line.matches(regex)) {
                return line;
            }
        }
    }

    /**
     * Sends SIGTERM, as {@code Process.destroy()} does, but through the process handle, which, unlike
     * {@code Process.destroy()}, leaves our ends of the pipes open so the output flushed on the way out can still
     * be read.
     */
    void sigterm() {
        assertTrue(process.toHandle().destroy(), "could not send SIGTERM");
    }

    /** @return the next stdout line; fails the test when none comes within {@code timeout} */
    String nextOutLine(Duration timeout) throws InterruptedException {
        String line = out.lines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (line == null) {
            fail("no stdout line within " + timeout + "; stderr so far:\n" + String.join("\n", err.drainSoFar()));
        }
        return line;
    }

    /** Waits for the exit and for both streams to end; fails the test when that takes longer than {@code timeout}. */
    int waitForExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            fail("still running after " + timeout + "; stderr so far:\n" + String.join("\n", err.drainSoFar()));
        }
        assertTrue(out.ended.await(DRAIN.toMillis(), TimeUnit.MILLISECONDS), "stdout did not end");
        assertTrue(err.ended.await(DRAIN.toMillis(), TimeUnit.MILLISECONDS), "stderr did not end");
        assertNull(out.failure, "reading stdout failed");
        assertNull(err.failure, "reading stderr failed");
        return process.exitValue();
    }

    /** @return the stdout lines not yet taken with {@link #nextOutLine} */
    List<String> outLines() {
        return out.drainSoFar();
    }

    /** @return the stderr lines not yet taken */
    List<String> errLines() {
        return err.drainSoFar();
    }

    /**
     * Fails the test when a line names an exception or shows a stack frame: failures must be one plain line.
     *
     * @param err the process's stderr lines
     */
    static void assertNoStackTrace(List<String> err) {
        for (String line : err) {
            assertFalse(line.contains("Exception") || line.contains("\tat ") || line.contains("at io."),
                    () -> String.join("\n", err));
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(DRAIN.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static final class Pump {
        final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        final CountDownLatch ended = new CountDownLatch(1);
        volatile IOException failure;

        Pump(InputStream stream, String name) {
            Thread t = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                    for (String line = r.readLine(); line != null; line = r.readLine()) {
                        lines.add(line);
                    }
                } catch (IOException e) {
                    failure = e;
                } finally {
                    ended.countDown();
                }
            }, "sysmon.jar " + name);
            t.setDaemon(true);
            t.start();
        }

        List<String> drainSoFar() {
            List<String> result = new ArrayList<>();
            lines.drainTo(result);
            return result;
        }
    }
}
