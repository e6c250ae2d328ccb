package io.sysmon.examples;

import static org.junit.jupiter.api.Assertions.assertFalse;

import io.sysmon.examples.cli.Cli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import picocli.CommandLine;

/** Runs sysmon in-process through picocli, with stdout and stderr captured. */
public final class CliRun {

    /** The exit status. */
    public final int exitCode;
    /** What the command wrote on stdout. */
    public final String out;
    /** What the command wrote on stderr (slf4j logs are not captured; they go to the real stderr). */
    public final String err;

    private CliRun(int exitCode, String out, String err) {
        this.exitCode = exitCode;
        this.out = out;
        this.err = err;
    }

    /**
     * @param args the command line
     * @return what happened
     */
    public static CliRun run(String... args) {
        return run(Cli.commandLine(new SysmonCommand()), args);
    }

    /**
     * @param cli a command line built by {@link Cli#commandLine(Object)}
     * @param args the command line
     * @return what happened
     */
    public static CliRun run(CommandLine cli, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        cli.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
        int code = cli.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }

    /** @return stdout's lines */
    public List<String> outLines() {
        return out.lines().toList();
    }

    /** @return stderr's lines */
    public List<String> errLines() {
        return err.lines().toList();
    }

    /** Fails the test when stderr names an exception or shows a stack frame: failures must be one plain line. */
    public void assertNoStackTrace() {
        assertFalse(err.contains("Exception") || err.contains("\tat "), this::toString);
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
}
