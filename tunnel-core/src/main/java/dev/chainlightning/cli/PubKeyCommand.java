package dev.chainlightning.cli;

import dev.chainlightning.crypto.noise.X25519KeyPair;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** {@code pubkey}: reads a base64 private key on stdin and prints its public key, as {@code wg pubkey}. */
final class PubKeyCommand {
    /** A key is 45 bytes with its newline; read a little more so that extra text is reported, not cut off. */
    private static final int MAX_INPUT = 1024;

    private PubKeyCommand() {
    }

    static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        if (args.length > 0) {
            throw new Main.UsageException("takes no arguments; give the private key on stdin (pubkey < FILE)");
        }
        String text;
        try {
            text = new String(in.readNBytes(MAX_INPUT), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            err.println("chainlightning pubkey: cannot read stdin: " + e.getMessage());
            return 1;
        }
        try {
            out.println(X25519KeyPair.parsePrivate(text).publicKey().toBase64());
            return 0;
        } catch (IllegalArgumentException e) {
            throw new Main.UsageException("stdin: " + e.getMessage());
        }
    }
}
