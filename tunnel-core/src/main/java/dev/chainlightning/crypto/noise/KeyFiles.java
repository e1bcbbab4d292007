package dev.chainlightning.crypto.noise;

import dev.chainlightning.crypto.KeyFilePermissions;
import dev.chainlightning.crypto.PresharedKey.KeyFileException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Private key files in {@code wg}'s format: one line of base64. Written so that the key is never
 * readable by others, not even for a moment, and never half-written; read back with errors that
 * name the file and the problem, as {@link KeyFileException} so config loading reports them like
 * a bad {@code psk_file}.
 */
public final class KeyFiles {
    private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
    /** A key file is 45 bytes; anything far larger is not one and is not read whole. */
    private static final long MAX_SIZE = 4096;

    private KeyFiles() {
    }

    /**
     * Writes {@code pair}'s private key to {@code file} with mode 0600. The key goes to a temporary
     * file in the same directory, created 0600, flushed to disk, then hard-linked (or, where links
     * are unsupported, renamed) into place, so the file appears complete or not at all. An existing file is not replaced: losing a private key
     * to a typo is worse than having to delete it first.
     */
    public static void writePrivateKey(Path file, X25519KeyPair pair) throws KeyFileException {
        Path target = file.toAbsolutePath();
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new KeyFileException(file + ": already exists; not overwriting a key file");
        }
        Path temp = null;
        try {
            temp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp", OWNER_ONLY);
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.wrap((pair.privateKeyBase64() + "\n").getBytes(StandardCharsets.US_ASCII)));
                channel.force(true);
            }
            publish(temp, target);
        } catch (FileAlreadyExistsException e) {
            throw new KeyFileException(file + ": already exists; not overwriting a key file");
        } catch (NoSuchFileException e) {
            throw new KeyFileException(file + ": directory " + target.getParent() + " does not exist");
        } catch (AccessDeniedException e) {
            throw new KeyFileException(file + ": permission denied");
        } catch (IOException | UnsupportedOperationException e) {
            throw new KeyFileException(file + ": cannot write key file: " + e.getMessage());
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // Only a stray 0600 temporary file is left; the key file itself is complete.
                }
            }
        }
    }

    /** A hard link appears atomically and, unlike a rename, fails if the name was taken meanwhile. */
    private static void publish(Path temp, Path target) throws IOException {
        try {
            Files.createLink(target, temp);
        } catch (FileAlreadyExistsException e) {
            throw e;
        } catch (UnsupportedOperationException | IOException e) {
            // A file system without hard links: an atomic rename is the next best thing.
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    /**
     * Reads a private key file. A file that group or others can read is still used (as ssh and wg
     * do), but {@code warnings} receives one line saying so and how to fix it.
     */
    public static X25519KeyPair readPrivateKey(Path file, Consumer<String> warnings) throws KeyFileException {
        String text;
        try {
            if (Files.size(file) > MAX_SIZE) {
                throw new KeyFileException(file + ": private key file is " + Files.size(file)
                        + " bytes, a key file holds one line of 44 base64 characters");
            }
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            throw new KeyFileException(file + ": private key file does not exist (create one with: bin/chainlightning genkey "
                    + file + ")");
        } catch (AccessDeniedException e) {
            throw new KeyFileException(file + ": cannot read private key file: permission denied");
        } catch (IOException e) {
            throw new KeyFileException(file + ": cannot read private key file: " + e.getMessage());
        }
        X25519KeyPair pair;
        try {
            pair = X25519KeyPair.parsePrivate(text);
        } catch (IllegalArgumentException e) {
            throw new KeyFileException(file + ": " + e.getMessage());
        }
        String warning = KeyFilePermissions.warning(file, "private key file");
        if (warning != null) {
            warnings.accept(warning);
        }
        return pair;
    }


}
