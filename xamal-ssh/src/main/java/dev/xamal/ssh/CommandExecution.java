package dev.xamal.ssh;

import dev.xamal.core.EnvironmentException;
import dev.xamal.core.spi.CommandResult;
import dev.xamal.core.spi.ConnectionLostException;
import dev.xamal.core.spi.LineListener;
import dev.xamal.core.spi.RemoteCommand;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.client.session.ClientSession.ClientSessionEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one command on an open session over its own exec channel, streaming output lines to the
 * command's listener. Never retries: a command that may have started is never run twice.
 */
final class CommandExecution {
    private static final Logger LOG = LoggerFactory.getLogger(CommandExecution.class);
    private static final Duration CHANNEL_OPEN_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(1);

    private final HostTarget target;
    private final ClientSession session;
    private final RemoteCommand command;

    CommandExecution(HostTarget target, ClientSession session, RemoteCommand command) {
        this.target = target;
        this.session = session;
        this.command = command;
    }

    CommandResult run() {
        Object listenerLock = new Object();
        LineStream stdout = new LineStream(LineListener.Stream.STDOUT, command.listener(), listenerLock);
        LineStream stderr = new LineStream(LineListener.Stream.STDERR, command.listener(), listenerLock);
        long started = System.nanoTime();
        ChannelExec channel = openChannel(stdout, stderr);
        try {
            sendStdin(channel);
            Duration remaining = command.timeout().minusNanos(System.nanoTime() - started);
            Set<ClientChannelEvent> events = channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED),
                    remaining.isNegative() ? Duration.ZERO : remaining);
            if (events.contains(ClientChannelEvent.TIMEOUT) && !events.contains(ClientChannelEvent.CLOSED)) {
                channel.close(true);
                throw new EnvironmentException("Command timed out after " + human(command.timeout()) + " on "
                        + target.display() + ": " + command.describe() + "\nIts channel was closed; a process that"
                        + " ignores the hang-up may still be running on the host." + tail(stdout, stderr));
            }
            stdout.close();
            stderr.close();
            Integer status = channel.getExitStatus();
            if (status == null) {
                if (connectionLost() || channel.getExitSignal() == null && closesSoon()) {
                    throw lost(null, stdout, stderr);
                }
                LOG.debug("{} on {} ended without exit status (signal {})", command.line(), target.display(),
                        channel.getExitSignal());
                return new CommandResult(-1, stdout.text(), stderr.text());
            }
            return new CommandResult(status, stdout.text(), stderr.text());
        } finally {
            if (channel.isOpen()) {
                channel.close(true);
            }
        }
    }

    private ChannelExec openChannel(LineStream stdout, LineStream stderr) {
        ChannelExec channel;
        try {
            channel = session.createExecChannel(command.sentLine());
        } catch (IOException | RuntimeException e) {
            throw cannotStart(e);
        }
        channel.setUsePty(command.pty());
        channel.setOut(stdout);
        channel.setErr(stderr);
        try {
            Duration openTimeout = command.timeout().compareTo(CHANNEL_OPEN_TIMEOUT) < 0
                    ? command.timeout() : CHANNEL_OPEN_TIMEOUT;
            channel.open().verify(openTimeout);
            return channel;
        } catch (IOException | RuntimeException e) {
            channel.close(true);
            throw cannotStart(e);
        }
    }

    private void sendStdin(ChannelExec channel) {
        OutputStream in = channel.getInvertedIn();
        try (in) {
            if (command.stdin().isPresent()) {
                in.write(command.stdin().get());
                in.flush();
            }
        } catch (IOException e) {
            // The command may have exited without reading its input; its exit status tells.
            LOG.debug("Writing stdin of {} on {}: {}", command.line(), target.display(), e.getMessage());
        }
    }

    private boolean connectionLost() {
        return !session.isOpen() || session.isClosing();
    }

    /**
     * Whether the connection is closing, given a moment to show it: a channel that ended with
     * neither exit status nor signal is usually the first sign of a dropped connection, seen
     * before the session itself notices.
     */
    private boolean closesSoon() {
        if (!connectionLost()) {
            session.waitFor(EnumSet.of(ClientSessionEvent.CLOSED), CLOSE_GRACE);
        }
        return connectionLost();
    }

    private EnvironmentException cannotStart(Exception e) {
        if (connectionLost()) {
            return lost(e, null, null);
        }
        return new EnvironmentException("Cannot start command on " + target.display() + ": " + command.describe()
                + ": " + SessionOpener.describe(e), e);
    }

    private EnvironmentException lost(Exception cause, LineStream stdout, LineStream stderr) {
        return new ConnectionLostException("Connection to " + target.display() + " was lost while running: "
                + command.describe() + "\nThe command's outcome is unknown; it was not retried. The next command"
                + " reconnects." + (stdout == null ? "" : tail(stdout, stderr)), cause);
    }

    private static String tail(LineStream stdout, LineStream stderr) {
        String tail = CommandResult.tailOf(stdout.text(), stderr.text());
        return tail.isEmpty() ? "" : "\n--- last output ---\n" + tail;
    }

    static String human(Duration duration) {
        long seconds = duration.toSeconds();
        return seconds > 0 && duration.toMillis() % 1000 == 0 ? seconds + "s" : duration.toMillis() + "ms";
    }
}
