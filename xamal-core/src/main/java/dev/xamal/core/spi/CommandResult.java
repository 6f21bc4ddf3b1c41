package dev.xamal.core.spi;

/**
 * What a finished remote command left behind. Output is kept whole here; callers that want it
 * line by line while it runs pass a {@link LineListener} in the {@link RemoteCommand}.
 *
 * @param exitStatus the command's exit status; {@code -1} when the remote side reported none
 *                   (killed by a signal, connection lost)
 */
public record CommandResult(int exitStatus, String stdout, String stderr) {
    public boolean succeeded() {
        return exitStatus == 0;
    }
}
