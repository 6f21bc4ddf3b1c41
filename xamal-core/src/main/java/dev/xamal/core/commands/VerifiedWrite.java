package dev.xamal.core.commands;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * A file that appears at its path only complete and verified: a temporary file next to it is
 * created empty with the final mode already set (by a shell with {@code umask 077} and noclobber,
 * so it is private from its first byte and never an existing file or symlink), filled, and renamed
 * over the path ({@code mv}, atomic in one directory) only when the host's sha256 of it is the
 * sender's; otherwise it is removed. A temporary name starts with a dot and ends in {@code .part},
 * so an interrupted write never leaves a file that looks complete. The command builders are pure:
 * the random part of the temporary name is the caller's ({@link #randomNonce()}).
 *
 * @param path   the file's path on the host
 * @param temp   the temporary file next to it
 * @param mode   the file's mode, such as {@code 0600}
 * @param sha256 the content's sha256, lower-case hex
 */
public record VerifiedWrite(String path, String temp, int mode, String sha256) {
    /** {@link #verifyAndRename()}: the content on the host is not what was sent (it printed its sum). */
    public static final int SHA_MISMATCH = 86;
    /** {@link #fromStandardInput()}: the temporary file could not be created. */
    public static final int CANNOT_CREATE = 87;
    /** {@link #fromStandardInput()}: standard input could not be written to the temporary file. */
    public static final int CANNOT_WRITE = 88;
    private static final SecureRandom RANDOM = new SecureRandom();

    public VerifiedWrite {
        if (mode < 0 || mode > 07777) {
            throw new IllegalArgumentException("file mode must be between 0 and 07777, was " + Integer.toOctalString(mode));
        }
    }

    /** The write of {@code content} to {@code path}; {@code nonce} makes the temporary name unique. */
    public static VerifiedWrite of(String path, int mode, byte[] content, byte[] nonce) {
        return new VerifiedWrite(path, temporaryPath(path, nonce), mode, sha256(content));
    }

    /** {@code <dir>/.<name>.xamal-<hex nonce>.part}. */
    public static String temporaryPath(String path, byte[] nonce) {
        return temporaryPrefix(path) + HexFormat.of().formatHex(nonce) + ".part";
    }

    /** Six random bytes for {@link #temporaryPath}: two writes of one path never share a temporary file. */
    public static byte[] randomNonce() {
        byte[] nonce = new byte[6];
        RANDOM.nextBytes(nonce);
        return nonce;
    }

    /** {@code <dir>/.<name>.xamal-}: what every temporary file of the path starts with. */
    private static String temporaryPrefix(String path) {
        int slash = path.lastIndexOf('/');
        String name = path.substring(slash + 1);
        if (name.isEmpty()) {
            throw new IllegalArgumentException("remote path '" + path + "' names a directory, not a file");
        }
        return path.substring(0, slash + 1) + "." + name + ".xamal-";
    }

    /**
     * Creates the temporary file empty, with the final mode. The {@code chmod} stays for mode 0600
     * too: in a directory with a default ACL a new file's mode comes from the ACL, not the umask.
     */
    public String createEmpty() {
        return "umask 077 && set -C && : > " + Shell.quote(temp) + " && chmod " + String.format("%04o", mode) + " "
                + Shell.quote(temp);
    }

    /**
     * Renames the temporary file over the path when its sha256 is the one sent; otherwise prints
     * the host's sum, removes it and exits {@value #SHA_MISMATCH}. ({@code exec}: the command
     * substitution's shell becomes sha256sum instead of starting it, one process fewer.)
     */
    public String verifyAndRename() {
        String file = Shell.quote(temp);
        return "sum=$(exec sha256sum < " + file + ") && sum=${sum%% *} && if [ \"$sum\" = " + sha256 + " ]; then mv -f -- "
                + file + " " + Shell.quote(path) + "; else echo \"$sum\"; rm -f -- " + file + "; exit " + SHA_MISMATCH
                + "; fi";
    }

    /**
     * The whole write in one command whose standard input is the content: create (exit
     * {@value #CANNOT_CREATE} on failure), append standard input (a failure removes the file and
     * exits {@value #CANNOT_WRITE}), then {@link #verifyAndRename()}.
     */
    public String fromStandardInput() {
        return "{ " + createEmpty() + "; } || exit " + CANNOT_CREATE + "; cat >> " + Shell.quote(temp) + " || { rm -f -- "
                + Shell.quote(temp) + "; exit " + CANNOT_WRITE + "; }; " + verifyAndRename();
    }

    /**
     * Removes what earlier, interrupted writes of the path left (their temporary files); starts
     * {@code rm} only when there is one. Replaces the shell's positional parameters.
     */
    public String removeLeftovers() {
        return removeLeftovers(path);
    }

    /** The temporary files earlier writes of {@code path} left, removed (by {@code rm}, started only when there are some). */
    public static String removeLeftovers(String path) {
        return "set -- " + Shell.quote(temporaryPrefix(path)) + "*.part; if [ -e \"$1\" ] || [ -L \"$1\" ]; then rm -f -- \"$@\"; fi";
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
