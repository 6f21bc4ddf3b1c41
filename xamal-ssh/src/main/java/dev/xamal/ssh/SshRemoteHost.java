package dev.xamal.ssh;

import dev.xamal.core.EnvironmentException;
import dev.xamal.core.commands.Shell;
import dev.xamal.core.config.Host;
import dev.xamal.core.spi.CommandResult;
import dev.xamal.core.spi.RemoteCommand;
import dev.xamal.core.spi.RemoteHost;
import dev.xamal.core.spi.Terminal;
import dev.xamal.core.spi.UploadProgress;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.sshd.client.session.ClientSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One host over its pooled SSH session: commands on exec channels, files as {@link FileTransfer} sends them. */
final class SshRemoteHost implements RemoteHost {
    private static final Logger LOG = LoggerFactory.getLogger(SshRemoteHost.class);
    private static final int UPLOAD_MODE = 0644;

    private final HostTarget target;
    private final PooledSession pooled;
    private final Set<String> orphanedTemps = ConcurrentHashMap.newKeySet();
    private final Consumer<String> debugLog;

    SshRemoteHost(HostTarget target, PooledSession pooled, Consumer<String> debugLog) {
        this.target = target;
        this.pooled = pooled;
        this.debugLog = debugLog;
    }

    @Override
    public Host host() {
        return target.host();
    }

    @Override
    public CommandResult exec(RemoteCommand command) {
        return withSession(session -> {
            logCommand(command.line());
            return new CommandExecution(target, session, command).run();
        });
    }

    @Override
    public int interactive(String line, Terminal terminal) {
        return withSession(session -> new InteractiveExecution(target, session, line, terminal).run());
    }

    @Override
    public void upload(Path local, String remotePath, UploadProgress progress) {
        upload(local, remotePath, progress, "", "");
    }

    @Override
    public void upload(Path local, String remotePath, UploadProgress progress, String before, String after) {
        long size;
        try {
            size = Files.size(local);
        } catch (IOException e) {
            throw new EnvironmentException("Cannot read " + local + " to upload it to " + target.display(), e);
        }
        withSession(session -> {
            debugLog.accept("[" + target.display() + "] upload " + local.getFileName() + " (" + size + " bytes) to " + remotePath);
            try (InputStream in = Files.newInputStream(local)) {
                transfer(session).send(local.toString(), in, size, remotePath, UPLOAD_MODE, progress,
                        new FileTransfer.Around(before, after));
            } catch (IOException e) {
                throw new EnvironmentException("Cannot read " + local + " to upload it to " + target.display(), e);
            }
            return null;
        });
    }

    @Override
    public void write(byte[] content, String remotePath, int mode) {
        withSession(session -> {
            debugLog.accept("[" + target.display() + "] write " + content.length + " bytes to " + remotePath
                    + " (mode " + Integer.toOctalString(mode) + ")");
            transfer(session).send(content.length + " bytes", new ByteArrayInputStream(content), content.length,
                    remotePath, mode, UploadProgress.NONE, FileTransfer.Around.NOTHING);
            return null;
        });
    }

    private void logCommand(String line) {
        debugLog.accept("[" + target.display() + "] $ " + line);
    }

    private FileTransfer transfer(ClientSession session) {
        return new FileTransfer(target, session, orphanedTemps::add, this::logCommand);
    }

    private <T> T withSession(Function<ClientSession, T> action) {
        ClientSession session = pooled.acquire();
        try {
            removeOrphanedTemps(session);
            return action.apply(session);
        } finally {
            pooled.release();
        }
    }

    /** Removes temporary files that an earlier, interrupted transfer could not remove. */
    private void removeOrphanedTemps(ClientSession session) {
        if (orphanedTemps.isEmpty()) {
            return;
        }
        List<String> temps = new ArrayList<>(orphanedTemps);
        String line = "rm -f -- " + temps.stream().map(Shell::quote).collect(Collectors.joining(" "));
        try {
            logCommand(line);
            if (new CommandExecution(target, session, RemoteCommand.of(line)).run().succeeded()) {
                temps.forEach(orphanedTemps::remove);
            }
        } catch (EnvironmentException e) {
            LOG.debug("Could not remove interrupted uploads on {}: {}", target.display(), e.getMessage());
        }
    }
}
