package io.sysmon.examples.cli;

import io.sysmon.shadow.ShadowConfigException;
import io.sysmon.shadow.ShadowException;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Wires a command tree into a {@link CommandLine} with the error handling every sysmon command shares:
 *
 * <ul>
 *   <li>a bad argument: one line {@code sysmon COMMAND: WHAT is wrong}, then the synopsis (or, for a command
 *       with subcommands, the list of them), exit status 2;</li>
 *   <li>a {@link CommandFailedException}, or a shadow-lib {@link ShadowException} (whose messages already name the
 *       problem and the fix): its one-line message, exit status 1; a {@link ShadowConfigException}: one line per
 *       problem it lists;</li>
 *   <li>anything else: one line with the exception's message and a hint to rerun with {@code --verbose}, which
 *       prints the stack trace too; exit status 1.</li>
 * </ul>
 */
public final class Cli {

    /** The long name of the option that turns on debug logging and stack traces. */
    public static final String VERBOSE = "--verbose";

    private static final String DEFAULT_LEVEL = "org.slf4j.simpleLogger.defaultLogLevel";

    private Cli() {
    }

    /**
     * @param topCommand the annotated top command, holding its subcommands
     * @return a command line ready to {@link CommandLine#execute(String...) execute}
     */
    public static CommandLine commandLine(Object topCommand) {
        return commandLine(topCommand, System.getenv());
    }

    /**
     * @param topCommand the annotated top command, holding its subcommands
     * @param environment the environment variables that give options their defaults (see
     *     {@link EnvironmentDefaults}); tests pass their own
     * @return a command line ready to {@link CommandLine#execute(String...) execute}
     */
    public static CommandLine commandLine(Object topCommand, Map<String, String> environment) {
        CommandLine cli = new CommandLine(topCommand);
        cli.setDefaultValueProvider(new EnvironmentDefaults(environment));
        // Built on the PrintStream itself, so that checkError() reports a closed stdout (`| head -3`); picocli's
        // default writer wraps System.out in a way that hides it, and a command would print into the void.
        cli.setOut(new PrintWriter(System.out, true));
        cli.setParameterExceptionHandler(ON_BAD_ARGUMENT);
        cli.setExecutionExceptionHandler(ON_FAILURE);
        return cli;
    }

    /**
     * Makes slf4j-simple log only warnings and errors for one logger, unless {@code --verbose} asked for debug;
     * call it before that logger is created. For commands whose library logs once per connection, thousands of
     * times.
     *
     * @param loggerName the logger, e.g. a class name
     */
    public static void logOnlyWarnings(String loggerName) {
        if (!"debug".equals(System.getProperty(DEFAULT_LEVEL))) {
            System.setProperty("org.slf4j.simpleLogger.log." + loggerName, "warn");
        }
    }

    /** Makes slf4j-simple log at debug level; call it before the command's loggers are created. */
    public static void logVerbosely() {
        System.setProperty(DEFAULT_LEVEL, "debug");
    }

    private static final IParameterExceptionHandler ON_BAD_ARGUMENT = (ex, args) -> {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        String name = cmd.getCommandSpec().qualifiedName();
        err.println(name + ": " + describe(ex));
        if (cmd.getSubcommands().isEmpty()) {
            CommandLine.Help help = cmd.getHelp();
            err.print(help.synopsisHeading() + help.synopsis(help.synopsisHeadingLength()));
            err.println("Try '" + name + " --help' for more information.");
        } else {
            cmd.usage(err, cmd.getColorScheme()); // the list of commands to choose from
        }
        err.flush();
        return cmd.getCommandSpec().exitCodeOnInvalidInput();
    };

    private static final IExecutionExceptionHandler ON_FAILURE = (ex, cmd, parseResult) -> {
        PrintWriter err = cmd.getErr();
        String prefix = cmd.getCommandSpec().qualifiedName() + ": ";
        boolean verbose = isVerbose(parseResult);
        if (ex instanceof ShadowConfigException) {
            ((ShadowConfigException) ex).problems().forEach(problem -> err.println(prefix + firstLine(problem)));
        } else if (ex instanceof CommandFailedException || ex instanceof ShadowException) {
            err.println(prefix + firstLine(ex.getMessage()));
        } else {
            String what = ex.getClass().getSimpleName()
                    + (ex.getMessage() == null ? "" : ": " + firstLine(ex.getMessage()));
            err.println(prefix + "unexpected " + what + (verbose ? "" : " (rerun with --verbose for the stack trace)"));
        }
        if (verbose) {
            ex.printStackTrace(err);
        }
        err.flush();
        return cmd.getCommandSpec().exitCodeOnExecutionException();
    };

    /** The message of a bad value names the option or parameter; picocli's own messages already do. */
    private static String describe(ParameterException ex) {
        ArgSpec arg = ex.getArgSpec();
        if (ex.getCause() instanceof BadValueException && arg != null) {
            String name = arg.isOption() ? ((OptionSpec) arg).longestName() : arg.paramLabel();
            return name + " " + ex.getCause().getMessage();
        }
        return firstLine(ex.getMessage());
    }

    private static boolean isVerbose(ParseResult parseResult) {
        for (ParseResult r = parseResult; r != null; r = r.subcommand()) {
            if (r.hasMatchedOption(VERBOSE)) {
                return true;
            }
        }
        return false;
    }

    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).strip();
    }
}
