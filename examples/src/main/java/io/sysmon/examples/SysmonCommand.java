package io.sysmon.examples;

import io.sysmon.examples.cli.Cli;
import io.sysmon.examples.cli.VersionProvider;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The top command, {@code sysmon}: dispatches to one subcommand per tutorial step. To add a step, write its
 * command class and add it to {@code subcommands} below; it inherits {@code --help}, {@code --version},
 * {@code --verbose} and the error handling of {@link Cli}.
 */
@Command(name = "sysmon",
        mixinStandardHelpOptions = true,
        scope = ScopeType.INHERIT,
        versionProvider = VersionProvider.class,
        usageHelpAutoWidth = true,
        description = "Sample system metrics and report them as AWS IoT device-shadow updates: "
                + "the AWS IoT demo tutorial, one command per step.",
        commandListHeading = "%nCommands (run 'sysmon COMMAND --help' for one's options):%n",
        footer = {"", "Exit status: 0 done, 1 failed, 2 bad arguments."},
        subcommands = {
            PrintCommand.class,
            ShadowCommand.class,
            FleetCommand.class,
            LocalCommand.class,
            DemoCommand.class,
            ProvisionCommand.class,
            RuleTestCommand.class,
        })
public final class SysmonCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = {"-v", Cli.VERBOSE}, scope = ScopeType.INHERIT,
            description = "Log at debug level, and show the stack trace of an unexpected error.")
    void verbose(boolean on) {
        if (on) {
            Cli.logVerbosely();
        }
    }

    /** Without a command there is nothing to do: that is a usage error. */
    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "missing COMMAND; choose one of the commands below");
    }
}
