package dev.chainlightning.testbed;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** The one place that runs external commands (ip, tc, nft, conntrack, ...). */
final class Shell {

    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    /** Networking tools live in sbin, which a non-login root shell (or CI) may not have on PATH. */
    private static final List<String> EXTRA_DIRS = List.of("/usr/local/sbin", "/usr/sbin", "/sbin", "/usr/bin", "/bin");

    private static final ExecutorService READERS = Executors.newVirtualThreadPerTaskExecutor();

    private Shell() {
    }

    static CommandResult run(List<String> cmd) throws IOException {
        return run(cmd, null, DEFAULT_TIMEOUT);
    }

    /** Runs cmd, feeding stdin (may be null), and waits at most timeout; a timed-out command is killed. */
    static CommandResult run(List<String> cmd, String stdin, Duration timeout) throws IOException {
        Process p = builder(cmd).start();
        CompletableFuture<String> out = drain(p.getInputStream());
        CompletableFuture<String> err = drain(p.getErrorStream());
        try (OutputStream in = p.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        }
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new IOException("timed out after " + timeout.toSeconds() + " s: " + String.join(" ", cmd));
            }
            return new CommandResult(p.exitValue(), out.get(), err.get());
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + String.join(" ", cmd), e);
        } catch (ExecutionException e) {
            throw new IOException("reading output of " + String.join(" ", cmd), e.getCause());
        }
    }

    static CommandResult runOrThrow(List<String> cmd) throws IOException {
        return runOrThrow(cmd, null);
    }

    static CommandResult runOrThrow(List<String> cmd, String stdin) throws IOException {
        return check(cmd, run(cmd, stdin, DEFAULT_TIMEOUT));
    }

    static CommandResult check(List<String> cmd, CommandResult r) throws IOException {
        if (!r.ok()) {
            throw new IOException("command failed (exit " + r.exitCode() + "): " + String.join(" ", cmd)
                    + "\nstderr: " + r.stderr().strip()
                    + (r.stdout().isBlank() ? "" : "\nstdout: " + r.stdout().strip()));
        }
        return r;
    }

    /** A ProcessBuilder with the program resolved to an absolute path and sbin on the child's PATH. */
    static ProcessBuilder builder(List<String> cmd) {
        List<String> resolved = new ArrayList<>(cmd);
        which(cmd.get(0)).ifPresent(p -> resolved.set(0, p.toString()));
        ProcessBuilder pb = new ProcessBuilder(resolved);
        pb.environment().put("PATH", String.join(":", searchPath()));
        return pb;
    }

    static Optional<Path> which(String program) {
        if (program.contains("/")) {
            return Optional.of(Path.of(program));
        }
        for (String dir : searchPath()) {
            Path candidate = Path.of(dir, program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static Set<String> searchPath() {
        Set<String> dirs = new LinkedHashSet<>();
        String path = System.getenv("PATH");
        if (path != null) {
            for (String d : path.split(":")) {
                if (!d.isEmpty()) {
                    dirs.add(d);
                }
            }
        }
        dirs.addAll(EXTRA_DIRS);
        return dirs;
    }

    private static CompletableFuture<String> drain(InputStream s) {
        // Virtual threads: blocking reads must not occupy the tiny common pool of a 2-core machine.
        return CompletableFuture.supplyAsync(() -> {
            try (s) {
                ByteArrayOutputStream buf = new ByteArrayOutputStream();
                s.transferTo(buf);
                return buf.toString(StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, READERS);
    }
}
