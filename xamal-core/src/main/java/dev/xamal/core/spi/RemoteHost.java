package dev.xamal.core.spi;

import dev.xamal.core.config.Host;
import java.nio.file.Path;

/**
 * One server, reached through a pooled connection. Implemented by the SSH adapter; core's
 * orchestration is written against this interface only.
 */
public interface RemoteHost {
    /** The host as configured. */
    Host host();

    /**
     * Runs a command and waits for it. A non-zero exit is returned, not thrown; use
     * {@link #run(RemoteCommand)} when only success is acceptable.
     *
     * @throws dev.xamal.core.EnvironmentException when the command cannot be run or times out
     */
    CommandResult exec(RemoteCommand command);

    /**
     * Runs a command that must succeed.
     *
     * @throws RemoteCommandException naming host, command, exit status and output tail otherwise
     */
    default CommandResult run(RemoteCommand command) {
        CommandResult result = exec(command);
        if (!result.succeeded()) {
            throw new RemoteCommandException(host(), command.line(), result);
        }
        return result;
    }

    /** Runs a command line with default options that must succeed. */
    default CommandResult run(String line) {
        return run(RemoteCommand.of(line));
    }

    /**
     * Runs a command on a pseudo-terminal connected to a local terminal, until it ends; no
     * timeout. The command sees a TTY on its standard streams.
     *
     * @return the command's exit status; {@code -1} when the remote side reported none
     * @throws dev.xamal.core.EnvironmentException when the command cannot be started
     */
    int interactive(String line, Terminal terminal);

    /**
     * Uploads a local file. The file is written under a temporary name and renamed to
     * {@code remotePath} only after its sha256 matches the local file's, so an interrupted upload
     * never leaves a file that looks complete.
     */
    void upload(Path local, String remotePath, UploadProgress progress);

    /**
     * {@link #upload(Path, String, UploadProgress)} between two commands, each of which may be
     * empty: {@code before} runs first (when it fails, nothing is uploaded and {@code remotePath}
     * is unchanged), {@code after} once the file is in place. They share the upload's round trips
     * where the transport can (over SSH, a file sent in one command takes one round trip in all).
     * Either failing throws, naming it, its exit status and its output's tail.
     */
    void upload(Path local, String remotePath, UploadProgress progress, String before, String after);

    /**
     * Writes bytes to a remote file with the given mode (e.g. {@code 0600} for env files); the
     * content never appears in a command line. Same temporary-name-then-rename guarantee as
     * {@link #upload}.
     */
    void write(byte[] content, String remotePath, int mode);
}
