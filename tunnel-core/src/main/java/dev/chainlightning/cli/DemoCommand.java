package dev.chainlightning.cli;

import java.io.PrintStream;

final class DemoCommand {
    private DemoCommand() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        err.println("chainlightning demo: not built yet");
        return 1;
    }
}
