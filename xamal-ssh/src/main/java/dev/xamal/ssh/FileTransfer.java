package dev.xamal.ssh;

import static dev.xamal.core.commands.Shell.quote;

import dev.xamal.core.EnvironmentException;
import dev.xamal.core.commands.VerifiedWrite;
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
 * Sends one file so that it appears at its final path only complete and verified
 * ({@link VerifiedWrite}: a private temporary file next to it, renamed over it only when the
 * host's sha256 is the sender's). A file of at most {@value #ONE_COMMAND_LIMIT} bytes (env files,
 * an application layer) goes in one command, its content on the command's standard input (never
 * in its line): one round trip. A larger one streams over SFTP, hashed on the way, between the
 * command that creates the temporary file and the one that verifies and renames it.
 */
final class FileTransfer {
    private static final int CHUNK = 64 * 1024;
    /** The largest file sent in one command (read into memory); larger ones stream over SFTP. */
    static final int ONE_COMMAND_LIMIT = 1024 * 1024;
    private static final Duration STEP_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(1);

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

    /**
     * Commands run around a transfer, in its own round trips, each in a subshell (an {@code exit}
     * in it ends only it): {@code before} ahead of it (exit status {@value #BEFORE_FAILED} when it
     * fails), {@code after} once the file is in place (exit status {@value #AFTER_FAILED}). Empty
     * runs nothing. Neither reads the transfer's standard input.
     */
    record Around(String before, String after) {
        static final Around NOTHING = new Around("", "");
        static final int BEFORE_FAILED = 89;
        static final int AFTER_FAILED = 90;

        /** {@code before}, then {@code line}. */
        String first(String line) {
            return before.isEmpty() ? line : "( " + before + " ) </dev/null || exit " + BEFORE_FAILED + "; " + line;
        }

        /** {@code line}, then {@code after} when it succeeded. */
        String last(String line) {
            return after.isEmpty() ? line : line + " || exit $?; ( " + after + " ) </dev/null || exit " + AFTER_FAILED;
        }
    }

    void send(String source, InputStream content, long size, String remotePath, int mode, UploadProgress progress,
              Around around) {
        if (size <= ONE_COMMAND_LIMIT) {
            sendInOneCommand(source, content, size, remotePath, mode, progress, around);
            return;
        }
        String temp = temporaryPath(remotePath);
        boolean created = false;
        try {
            // The content's digest is known once it has streamed through.
            CommandResult made = exec(around.first(new VerifiedWrite(remotePath, temp, mode, "").createEmpty()));
            checkBefore(source, remotePath, around, made);
            if (!made.succeeded()) {
                throw cannotCreate(temp, made);
            }
            created = true;
            VerifiedWrite sent = new VerifiedWrite(remotePath, temp, mode, write(content, size, temp, progress));
            CommandResult verified = exec(around.last(sent.verifyAndRename()));
            checkAfter(source, remotePath, around, verified);
            checkVerified(source, sent, verified);
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

    private EnvironmentException cannotCreate(String temp, CommandResult result) {
        return new EnvironmentException("Cannot create " + temp + " on " + target.display() + " (exit status "
                + result.exitStatus() + "): " + result.outputTail());
    }

    /** The whole transfer as one command ({@link VerifiedWrite#fromStandardInput()}), the content on its standard input. */
    private void sendInOneCommand(String source, InputStream content, long size, String remotePath, int mode,
                                  UploadProgress progress, Around around) {
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
        VerifiedWrite write = VerifiedWrite.of(remotePath, mode, bytes, VerifiedWrite.randomNonce());
        String line = around.first(around.last(write.fromStandardInput()));
        progress.sent(0, size);
        CommandResult result;
        try {
            commandLog.accept(line);
            result = new CommandExecution(target, session, RemoteCommand.of(line).withTimeout(STEP_TIMEOUT)
                    .withStdin(bytes)).run();
        } catch (RuntimeException e) {
            // The command may have ended anywhere: the temporary file is removed at the host's next use.
            orphanedTemp.accept(write.temp());
            throw e instanceof ConnectionLostException ? failure(source, remotePath, write.temp(), true, e) : e;
        }
        checkBefore(source, remotePath, around, result);
        if (result.exitStatus() == VerifiedWrite.CANNOT_CREATE) {
            throw cannotCreate(write.temp(), result);
        }
        if (result.exitStatus() == VerifiedWrite.CANNOT_WRITE) {
            throw new EnvironmentException("Cannot write " + write.temp() + " on " + target.display() + " (exit status "
                    + result.exitStatus() + "): " + result.outputTail() + "; " + remotePath + " was not changed");
        }
        checkAfter(source, remotePath, around, result);
        checkVerified(source, write, result);
        progress.sent(size, size);
    }

    private void checkBefore(String source, String remotePath, Around around, CommandResult result) {
        if (!around.before().isEmpty() && result.exitStatus() == Around.BEFORE_FAILED) {
            throw new EnvironmentException("The step before the upload of " + source + " to " + target.display() + ":"
                    + remotePath + " failed (" + around.before() + "): " + result.outputTail() + "; nothing was"
                    + " uploaded and " + remotePath + " was not changed");
        }
    }

    private void checkAfter(String source, String remotePath, Around around, CommandResult result) {
        if (!around.after().isEmpty() && result.exitStatus() == Around.AFTER_FAILED) {
            throw new EnvironmentException("Uploaded " + source + " to " + target.display() + ":" + remotePath
                    + ", but the step after it failed (" + around.after() + "): " + result.outputTail());
        }
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

    private void checkVerified(String source, VerifiedWrite write, CommandResult result) {
        String temp = write.temp();
        String remotePath = write.path();
        String sha256 = write.sha256();
        if (result.exitStatus() == VerifiedWrite.SHA_MISMATCH) {
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
        return VerifiedWrite.temporaryPath(remotePath, VerifiedWrite.randomNonce());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
