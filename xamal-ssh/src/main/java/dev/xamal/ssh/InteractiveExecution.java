package dev.xamal.ssh;

import dev.xamal.core.EnvironmentException;
import dev.xamal.core.spi.Terminal;
import java.io.IOException;
import java.time.Duration;
import java.util.EnumSet;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.util.io.input.NoCloseInputStream;
import org.apache.sshd.common.util.io.output.NoCloseOutputStream;

/**
 * Runs one command on a pseudo-terminal over its own exec channel, wired to a local terminal:
 * typed bytes go to the remote side as they come, its output comes back unchanged. Waits without
 * a timeout: the user ends the session. The local streams stay open afterwards.
 */
final class InteractiveExecution {
    private static final Duration CHANNEL_OPEN_TIMEOUT = Duration.ofSeconds(30);

    private final HostTarget target;
    private final ClientSession session;
    private final String line;
    private final Terminal terminal;

    InteractiveExecution(HostTarget target, ClientSession session, String line, Terminal terminal) {
        this.target = target;
        this.session = session;
        this.line = line;
        this.terminal = terminal;
    }

    int run() {
        ChannelExec channel;
        try {
            channel = session.createExecChannel(line);
        } catch (IOException | RuntimeException e) {
            throw cannotStart(e);
        }
        try {
            channel.setUsePty(true);
            channel.setPtyType(terminal.type());
            channel.setPtyColumns(terminal.columns());
            channel.setPtyLines(terminal.rows());
            channel.setIn(new NoCloseInputStream(terminal.input()));
            channel.setOut(new NoCloseOutputStream(terminal.output()));
            channel.setErr(new NoCloseOutputStream(terminal.output()));
            channel.open().verify(CHANNEL_OPEN_TIMEOUT);
            channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), 0L);
            terminal.output().flush();
            Integer status = channel.getExitStatus();
            if (status == null && (!session.isOpen() || session.isClosing())) {
                throw new EnvironmentException("Connection to " + target.display()
                        + " was lost during the interactive session: " + line);
            }
            return status == null ? -1 : status;
        } catch (IOException | RuntimeException e) {
            if (e instanceof EnvironmentException environment) {
                throw environment;
            }
            throw cannotStart(e);
        } finally {
            channel.close(true);
        }
    }

    private EnvironmentException cannotStart(Exception e) {
        return new EnvironmentException("Cannot run on " + target.display() + " over a terminal: " + line + ": "
                + SessionOpener.describe(e), e);
    }
}
