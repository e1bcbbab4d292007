package dev.chainlightning.cli;

import dev.chainlightning.fec.VectorChecker;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code fec-vectors DIR}: checks the Reed-Solomon codec against every golden case-*.json in DIR
 * (see shared/rs-vectors/README.md). One line per failed check, then "N passed, M failed".
 */
final class FecVectorsCommand {
    private FecVectorsCommand() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length != 1) {
            throw new Main.UsageException("needs exactly one argument, the directory with the case-*.json files");
        }
        Path dir = Path.of(args[0]);
        if (!Files.isDirectory(dir)) {
            err.println("chainlightning fec-vectors: " + dir + " is not a directory");
            return 2;
        }
        List<Path> files;
        try {
            files = VectorChecker.caseFiles(dir);
        } catch (IOException e) {
            err.println("chainlightning fec-vectors: cannot list " + dir + ": " + e.getMessage());
            return 2;
        }
        if (files.isEmpty()) {
            err.println("chainlightning fec-vectors: no case-*.json files in " + dir);
            return 2;
        }
        int passed = 0;
        int failed = 0;
        for (Path file : files) {
            VectorChecker.Outcome outcome = VectorChecker.check(file);
            if (outcome.passed()) {
                passed++;
            } else {
                failed++;
                for (String failure : outcome.failures()) {
                    out.println(file.getFileName() + ": " + failure);
                }
            }
        }
        out.println(passed + " passed, " + failed + " failed");
        return failed == 0 ? 0 : 1;
    }
}
