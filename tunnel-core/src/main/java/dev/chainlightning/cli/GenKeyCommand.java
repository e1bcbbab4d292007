package dev.chainlightning.cli;

import dev.chainlightning.crypto.PresharedKey.KeyFileException;
import dev.chainlightning.crypto.noise.KeyFiles;
import dev.chainlightning.crypto.noise.X25519KeyPair;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * {@code genkey [FILE]}: a new X25519 private key in base64, as {@code wg genkey} prints it. With
 * FILE it is written there with mode 0600 instead of printed, which avoids the moment a
 * redirected {@code > FILE} is readable under a loose umask.
 */
final class GenKeyCommand {
    private GenKeyCommand() {
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length > 1) {
            throw new Main.UsageException("takes at most one argument, the file to write");
        }
        X25519KeyPair pair = X25519KeyPair.generate();
        if (args.length == 0) {
            out.println(pair.privateKeyBase64());
            return 0;
        }
        try {
            KeyFiles.writePrivateKey(Path.of(args[0]), pair);
            return 0;
        } catch (KeyFileException e) {
            err.println("chainlightning genkey: " + e.getMessage());
            return 1;
        }
    }
}
