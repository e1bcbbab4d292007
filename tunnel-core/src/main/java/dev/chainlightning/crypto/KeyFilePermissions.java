package dev.chainlightning.crypto;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/** Whether a file holding a secret can be read by others, as ssh and wg warn about their keys. */
public final class KeyFilePermissions {
    private KeyFilePermissions() {
    }

    /**
     * A one-line warning naming {@code file} (described as {@code what}) and the fix when group or
     * others may read it; null when it is private or the file system has no POSIX permissions.
     */
    public static String warning(Path file, String what) {
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            if (perms.contains(PosixFilePermission.GROUP_READ) || perms.contains(PosixFilePermission.OTHERS_READ)) {
                return file + ": " + what + " is readable by other users; run: chmod 600 " + file;
            }
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
        return null;
    }
}
