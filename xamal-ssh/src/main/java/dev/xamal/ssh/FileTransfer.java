package dev.xamal.ssh;

import static dev.xamal.core.commands.Shell.quote;

import dev.xamal.core.EnvironmentException;
import dev.xamal.core.spi.CommandResult;
import dev.xamal.core.spi.ConnectionLostException;
import dev.xamal.core.spi.RemoteCommand;
import dev.xamal.core.spi.UploadProgress;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.function.Consumer;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.client.session.ClientSession.ClientSessionEvent;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.apache.sshd.sftp.common.SftpException;

/**
 * Sends one file over SFTP so that it appears at its final path only complete and verified:
 * <ol>
 *   <li>a temporary file is created next to the target, empty, with the final mode already set
 *       (by a shell with {@code umask 077} and noclobber, so it is private from its first byte
 *       and never an existing file or symlink);</li>
 *   <li>the content is written to it over SFTP, hashed on the way;</li>
 *   <li>the host computes its sha256; only if it matches is it renamed over the target
 *       ({@code mv}, an atomic rename in one directory), otherwise it is removed.</li>
 * </ol>
 * A temporary name starts with a dot and ends in {@code .part}, so an interrupted transfer never
 * leaves a file that looks complete.
 *
 * <p>A file of at most {@value #ONE_COMMAND_LIMIT} bytes (env files, an application layer) takes
 * the same three steps in one command, its content on the command's standard input (never in its
 * line): one round trip instead of the two commands and the SFTP channel's own exchanges.
 */
final class FileTransfer {
    private static final int CHUNK = 64 * 1024;
    /** The largest file sent in one command (read into memory); larger ones stream over SFTP. */
    static final int ONE_COMMAND_LIMIT = 1024 * 1024;
    private static final int SHA_MISMATCH = 86;
    private static final int CANNOT_CREATE = 87;
    private static final int CANNOT_WRITE = 88;
    private static final Duration STEP_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(1);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final HostTarget target;
    private final ClientSession session;
    private final Consumer<String> orphanedTemp;
    private final Consumer<String> commandLog;

    /**
     * @param orphanedTemp told the temporary path when a failure leaves it behind and it could not
     *                     be removed now (the connection is gone); the host removes it later
     * @param commandLog   receives each command line the transfer runs on the host, before it runs
     */
    FileTransfer(HostTarget target, ClientSession session, Consumer<String> orphanedTemp, Consumer<String> commandLog) {
        this.target = target;
        this.session = session;
        this.orphanedTemp = orphanedTemp;
        this.commandLog = commandLog;
    }

    void send(String source, InputStream content, long size, String remotePath, int mode, UploadProgress progress) {
        if (mode < 0 || mode > 07777) {
            throw new IllegalArgumentException("file mode must be between 0 and 07777, was " + Integer.toOctalString(mode));
        }
        String temp = temporaryPath(remotePath);
        if (size <= ONE_COMMAND_LIMIT) {
            sendInOneCommand(source, content, size, remotePath, temp, mode, progress);
            return;
        }
        boolean created = false;
        try {
            createEmpty(temp, mode);
            created = true;
            String sha256 = write(content, size, temp, progress);
            verifyAndRename(source, temp, remotePath, sha256);
        } catch (IOException | RuntimeException e) {
            if (created) {
                removeTemp(temp);
            }
            if (e instanceof EnvironmentException environment) {
                throw environment;
            }
            throw failure(source, remotePath, temp, created, e);
        }
    }

    private void createEmpty(String temp, int mode) {
        CommandResult result = exec(createEmptyLine(temp, mode));
        if (!result.succeeded()) {
            throw cannotCreate(temp, result);
        }
    }

    /** Creates the temporary file empty with its final mode, never over an existing file or symlink. */
    private static String createEmptyLine(String temp, int mode) {
        return "umask 077 && set -C && : > " + quote(temp) + " && chmod " + String.format("%04o", mode) + " " + quote(temp);
    }

    private EnvironmentException cannotCreate(String temp, CommandResult result) {
        return new EnvironmentException("Cannot create " + temp + " on " + target.display() + " (exit status "
                + result.exitStatus() + "): " + result.outputTail());
    }

    /**
     * The three steps in one command: create the temporary file (exit {@value #CANNOT_CREATE} when
     * that fails), append standard input to it (a failed write removes it and exits
     * {@value #CANNOT_WRITE}), then {@link #verifyAndRenameLine}.
     */
    private void sendInOneCommand(String source, InputStream content, long size, String remotePath, String temp,
                                  int mode, UploadProgress progress) {
        byte[] bytes;
        try {
            bytes = content.readNBytes(ONE_COMMAND_LIMIT + 1);
        } catch (IOException e) {
            throw new EnvironmentException("Cannot read " + source + " to upload it to " + target.display(), e);
        }
        if (bytes.length != size) {
            throw new EnvironmentException("Cannot upload " + source + " to " + target.display() + ": it changed while"
                    + " it was read (" + bytes.length + " bytes, expected " + size + ")");
        }
        String sha256 = HexFormat.of().formatHex(sha256().digest(bytes));
        String line = "{ " + createEmptyLine(temp, mode) + "; } || exit " + CANNOT_CREATE + "; cat >> " + quote(temp)
                + " || { rm -f -- " + quote(temp) + "; exit " + CANNOT_WRITE + "; }; " + verifyAndRenameLine(temp, remotePath, sha256);
        progress.sent(0, size);
        CommandResult result;
        try {
            commandLog.accept(line);
            result = new CommandExecution(target, session, RemoteCommand.of(line).withTimeout(STEP_TIMEOUT)
                    .withStdin(bytes)).run();
        } catch (RuntimeException e) {
            // The command may have ended anywhere: the temporary file is removed at the host's next use.
            orphanedTemp.accept(temp);
            throw e instanceof ConnectionLostException ? failure(source, remotePath, temp, true, e) : e;
        }
        if (result.exitStatus() == CANNOT_CREATE) {
            throw cannotCreate(temp, result);
        }
        if (result.exitStatus() == CANNOT_WRITE) {
            throw new EnvironmentException("Cannot write " + temp + " on " + target.display() + " (exit status "
                    + result.exitStatus() + "): " + result.outputTail() + "; " + remotePath + " was not changed");
        }
        checkVerified(source, temp, remotePath, sha256, result);
        progress.sent(size, size);
    }

    private String write(InputStream content, long size, String temp, UploadProgress progress) throws IOException {
        MessageDigest digest = sha256();
        try (SftpClient sftp = SftpClientFactory.instance().createSftpClient(session);
             InputStream in = new DigestInputStream(content, digest);
             OutputStream out = sftp.write(temp, CHUNK, SftpClient.OpenMode.Write, SftpClient.OpenMode.Truncate)) {
            byte[] buffer = new byte[CHUNK];
            long sent = 0;
            progress.sent(0, size);
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                out.write(buffer, 0, read);
                sent += read;
                progress.sent(sent, size);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private void verifyAndRename(String source, String temp, String remotePath, String sha256) {
        checkVerified(source, temp, remotePath, sha256, exec(verifyAndRenameLine(temp, remotePath, sha256)));
    }

    /**
     * Renames the temporary file over the target when its sha256 is the one sent; otherwise prints
     * the host's sum, removes it and exits {@value #SHA_MISMATCH}.
     */
    private static String verifyAndRenameLine(String temp, String remotePath, String sha256) {
        return "sum=$(sha256sum < " + quote(temp) + ") && sum=${sum%% *} && if [ \"$sum\" = " + sha256
                + " ]; then mv -f -- " + quote(temp) + " " + quote(remotePath) + "; else echo \"$sum\"; rm -f -- "
                + quote(temp) + "; exit " + SHA_MISMATCH + "; fi";
    }

    private void checkVerified(String source, String temp, String remotePath, String sha256, CommandResult result) {
        if (result.exitStatus() == SHA_MISMATCH) {
            throw new EnvironmentException("Upload of " + source + " to " + target.display() + ":" + remotePath
                    + " arrived corrupted: local sha256 " + sha256 + ", remote " + result.stdout().strip()
                    + ". The partial file was removed; " + remotePath + " was not changed.");
        }
        if (!result.succeeded()) {
            throw new EnvironmentException("Cannot verify and move " + temp + " to " + remotePath + " on "
                    + target.display() + " (exit status " + result.exitStatus() + "; the host needs sha256sum): "
                    + result.outputTail());
        }
    }

    private CommandResult exec(String line) {
        commandLog.accept(line);
        return new CommandExecution(target, session, RemoteCommand.of(line).withTimeout(STEP_TIMEOUT)).run();
    }

    private void removeTemp(String temp) {
        if (session.isOpen() && !session.isClosing()) {
            try {
                if (exec("rm -f -- " + quote(temp)).succeeded()) {
                    return;
                }
            } catch (EnvironmentException e) {
                // fall through: remembered for later
            }
        }
        orphanedTemp.accept(temp);
    }

    private EnvironmentException failure(String source, String remotePath, String temp, boolean created, Exception e) {
        boolean lost = connectionLost(e);
        String what = lost ? "the connection was lost" : SessionOpener.describe(e);
        String message = "Upload of " + source + " to " + target.display() + ":" + remotePath
                + " failed: " + what + ". " + remotePath + " was not changed"
                + (created ? "; the partial file " + temp + " is removed as soon as the host can be reached." : ".")
                + (lost ? " The next command reconnects." : "");
        return lost ? new ConnectionLostException(message, e) : new EnvironmentException(message, e);
    }

    /**
     * Whether the connection dropped under the transfer. A server's SFTP error answer means it did
     * not; any other failure may be the first sign of a closing connection, so it is given a
     * moment to show.
     */
    private boolean connectionLost(Exception e) {
        if (!session.isOpen() || session.isClosing()) {
            return true;
        }
        if (e instanceof SftpException) {
            return false;
        }
        session.waitFor(EnumSet.of(ClientSessionEvent.CLOSED), CLOSE_GRACE);
        return !session.isOpen() || session.isClosing();
    }

    static String temporaryPath(String remotePath) {
        int slash = remotePath.lastIndexOf('/');
        String directory = remotePath.substring(0, slash + 1);
        String name = remotePath.substring(slash + 1);
        if (name.isEmpty()) {
            throw new IllegalArgumentException("remote path '" + remotePath + "' names a directory, not a file");
        }
        byte[] nonce = new byte[6];
        RANDOM.nextBytes(nonce);
        return directory + "." + name + ".xamal-" + HexFormat.of().formatHex(nonce) + ".part";
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
