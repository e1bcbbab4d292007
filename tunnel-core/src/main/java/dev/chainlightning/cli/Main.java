package dev.chainlightning.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Arrays;

/**
 * The {@code chainlightning} command line. Each command is a small class; this one only
 * dispatches. Exit codes: 0 on success or clean shutdown, 1 when running failed, 2 for bad usage
 * or configuration. Every failure is reported as one line.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.in, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, System.in, out, err);
    }

    static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
            out.print(usage());
            return args.length == 0 ? 2 : 0;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        try {
            return switch (args[0]) {
                case "server", "client" -> RunCommand.run(args[0], rest, out, err);
                case "demo" -> DemoCommand.run(rest, out, err);
                case "genpsk" -> GenPskCommand.run(rest, out, err);
                case "genkey" -> GenKeyCommand.run(rest, out, err);
                case "pubkey" -> PubKeyCommand.run(rest, in, out, err);
                case "fec-vectors" -> FecVectorsCommand.run(rest, out, err);
                case "status" -> StatusCommand.run(rest, out, err);
                default -> {
                    err.println("chainlightning: unknown command '" + args[0] + "' (see chainlightning --help)");
                    yield 2;
                }
            };
        } catch (UsageException e) {
            err.println("chainlightning " + args[0] + ": " + e.getMessage());
            return 2;
        }
    }

    static String usage() {
        return """
                Usage: chainlightning COMMAND [OPTIONS]

                A multi-WAN UDP bonding tunnel: the client stripes packets from its TUN interface over
                every WAN link to the server, which puts them back in order, and the same in reverse.

                Commands:
                  server [--config FILE]   run the server end (default config: ./config.toml)
                  client [--config FILE]   run the client end on the gateway with several WAN links
                  demo [--seconds N]       build a 3-link test network in namespaces (root), run a bonded
                                           transfer with a live per-link table, print a summary, clean up
                  status [--json] [--once] [--address HOST:PORT]
                                           live per-link table of the end running on this host
                  genpsk                   print a new random pre-shared key for [security] psk_file
                  genkey [FILE]            print a new X25519 private key (as wg genkey), or write it to
                                           FILE with mode 0600
                  pubkey                   read a private key on stdin, print its public key (as wg pubkey)
                  fec-vectors DIR          check the Reed-Solomon codec against every case-*.json in DIR
                  --help                   show this help

                Exit codes: 0 clean shutdown (SIGINT/SIGTERM), 1 runtime failure, 2 usage or config error.
                Environment: CL_LOG_LEVEL=debug|info|warn|error
                """;
    }

    /** Bad arguments; the message is one line. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
