package dev.chainlightning.cli;

import dev.chainlightning.crypto.PresharedKey;
import java.io.PrintStream;

/** {@code genpsk}: prints a new pre-shared key; redirect it into a file with mode 0600. */
final class GenPskCommand {
    private GenPskCommand() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length > 0) {
            throw new Main.UsageException("takes no arguments");
        }
        out.println(PresharedKey.generate());
        return 0;
    }
}
