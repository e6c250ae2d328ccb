package io.sysmon.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sysmon.examples.cli.Cli;
import io.sysmon.examples.cli.CommandFailedException;
import java.io.IOException;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;

class SysmonCommandTest {

    @AfterEach
    void forgetVerbose() {
        System.clearProperty("org.slf4j.simpleLogger.defaultLogLevel");
    }

    @Test
    void withoutACommandListsTheCommandsAndExits2() {
        CliRun r = CliRun.run();
        assertEquals(2, r.exitCode, r::toString);
        assertEquals("sysmon: missing COMMAND; choose one of the commands below", r.errLines().get(0), r::toString);
        assertTrue(r.err.contains("Commands (") && r.err.contains("  print"), r::toString);
        assertEquals("", r.out);
    }

    @ParameterizedTest
    @ValueSource(strings = {"--help", "-h"})
    void helpListsTheCommandsAndExits0(String help) {
        CliRun r = CliRun.run(help);
        assertEquals(0, r.exitCode, r::toString);
        assertTrue(r.out.startsWith("Usage: sysmon "), r::toString);
        assertTrue(r.out.contains("  print") && r.out.contains("--verbose"), r::toString);
        assertEquals("", r.err);
    }

    @ParameterizedTest
    @ValueSource(strings = {"--help", "-h"})
    void everySubcommandHasHelp(String help) {
        CommandLine cli = Cli.commandLine(new SysmonCommand());
        for (String name : cli.getSubcommands().keySet()) {
            CliRun r = CliRun.run(Cli.commandLine(new SysmonCommand()), name, help);
            assertEquals(0, r.exitCode, () -> name + ": " + r);
            assertTrue(r.out.startsWith("Usage: sysmon " + name), () -> name + ": " + r);
        }
    }

    @Test
    void versionNamesTheProjectVersion() {
        CliRun r = CliRun.run("--version");
        assertEquals(0, r.exitCode, r::toString);
        assertTrue(r.out.matches("(?s)sysmon \\d+\\.\\d+\\.\\d+.*"), r::toString);
    }

    @Test
    void unknownCommandIsAUsageError() {
        CliRun r = CliRun.run("prnt");
        assertEquals(2, r.exitCode, r::toString);
        assertEquals("sysmon: Unmatched argument at index 0: 'prnt'", r.errLines().get(0));
        assertTrue(r.errLines().get(1).startsWith("Usage: sysmon "), r::toString);
    }

    @Test
    void unexpectedFailureIsOneLineWithAHint() {
        CliRun r = CliRun.run(withBoom(), "boom");
        assertEquals(1, r.exitCode, r::toString);
        assertEquals(java.util.List.of("sysmon boom: unexpected IOException: disk on fire"
                + " (rerun with --verbose for the stack trace)"), r.errLines());
        assertEquals("", r.out);
    }

    @Test
    void verboseAddsTheStackTrace() {
        CliRun r = CliRun.run(withBoom(), "boom", "--verbose");
        assertEquals(1, r.exitCode, r::toString);
        assertEquals("sysmon boom: unexpected IOException: disk on fire", r.errLines().get(0));
        assertTrue(r.err.contains("at io.sysmon.examples.SysmonCommandTest$Boom.call"), r::toString);
    }

    @Test
    void verboseWorksBeforeTheCommandToo() {
        CliRun r = CliRun.run(withBoom(), "-v", "boom");
        assertTrue(r.err.contains("\tat "), r::toString);
    }

    @Test
    void commandFailureIsOneLineWithoutHint() {
        CliRun r = CliRun.run(withBoom(), "fail");
        assertEquals(1, r.exitCode, r::toString);
        assertEquals(java.util.List.of("sysmon fail: certs/x.pem: no such file"), r.errLines());
    }

    private static CommandLine withBoom() {
        CommandLine cli = Cli.commandLine(new SysmonCommand());
        cli.addSubcommand(new Boom());
        cli.addSubcommand(new Fail());
        return cli;
    }

    @Command(name = "boom")
    static final class Boom implements Callable<Integer> {
        @Override
        public Integer call() throws IOException {
            throw new IOException("disk on fire");
        }
    }

    @Command(name = "fail")
    static final class Fail implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new CommandFailedException("certs/x.pem: no such file", new IOException("ENOENT"));
        }
    }
}
