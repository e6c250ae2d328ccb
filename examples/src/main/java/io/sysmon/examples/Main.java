package io.sysmon.examples;

import io.sysmon.examples.cli.Cli;

/**
 * The entry point of {@code sysmon.jar}: {@code java -jar sysmon.jar COMMAND [OPTIONS] ARGS}.
 * {@code java -jar sysmon.jar --help} lists the commands.
 */
public final class Main {

    private Main() {
    }

    /**
     * @param args the command and its arguments
     */
    public static void main(String[] args) {
        System.exit(Cli.commandLine(new SysmonCommand()).execute(args));
    }
}
