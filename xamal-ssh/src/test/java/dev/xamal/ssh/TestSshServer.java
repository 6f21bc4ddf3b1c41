package dev.xamal.ssh;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.sshd.common.channel.RequestHandler;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.session.ConnectionService;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.common.file.nativefs.NativeFileSystemFactory;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.auth.pubkey.PublickeyAuthenticator;
import org.apache.sshd.server.config.keys.AuthorizedKeysAuthenticator;
import org.apache.sshd.server.forward.AcceptAllForwardingFilter;
import org.apache.sshd.server.shell.ProcessShellCommandFactory;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

/**
 * An in-process MINA SSH server on loopback for protocol tests. Commands run in a real local
 * shell as the test user, so tests only send harmless commands (echo, sleep, sha256sum and moves
 * inside their temporary directory). SFTP sees the real file system; tests use absolute paths in
 * their temporary directory.
 */
final class TestSshServer implements AutoCloseable {
    private final SshServer sshd;
    private final KeyPair hostKey;
    private final AtomicInteger sessionsCreated = new AtomicInteger();
    private final AtomicInteger keepalivesReceived = new AtomicInteger();
    private final List<String> commandsRun = new java.util.concurrent.CopyOnWriteArrayList<>();

    private TestSshServer(SshServer sshd, KeyPair hostKey) {
        this.sshd = sshd;
        this.hostKey = hostKey;
    }

    /** A server on 127.0.0.1 accepting the keys in {@code authorizedKeys} for any user. */
    static TestSshServer start(Path authorizedKeys) {
        return start("127.0.0.1", newHostKey(), new AuthorizedKeysAuthenticator(authorizedKeys));
    }

    static TestSshServer start(String bindAddress, KeyPair hostKey, PublickeyAuthenticator authenticator) {
        return start(bindAddress, List.of(hostKey), authenticator);
    }

    /** A server with several host keys; {@link #hostKey()} is the first. */
    static TestSshServer start(String bindAddress, List<KeyPair> hostKeys, PublickeyAuthenticator authenticator) {
        KeyPair hostKey = hostKeys.get(0);
        SshServer sshd = SshServer.setUpDefaultServer();
        sshd.setHost(bindAddress);
        sshd.setPort(0);
        sshd.setKeyPairProvider(KeyPairProvider.wrap(hostKeys));
        sshd.setPublickeyAuthenticator(authenticator);
        sshd.setPasswordAuthenticator(null);
        sshd.setKeyboardInteractiveAuthenticator(null);
        sshd.setFileSystemFactory(NativeFileSystemFactory.INSTANCE);
        sshd.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
        sshd.setForwardingFilter(AcceptAllForwardingFilter.INSTANCE);
        TestSshServer server = new TestSshServer(sshd, hostKey);
        sshd.setCommandFactory((channel, command) -> {
            server.commandsRun.add(command);
            return ProcessShellCommandFactory.INSTANCE.createCommand(channel, command);
        });
        sshd.addSessionListener(new SessionListener() {
            @Override
            public void sessionCreated(Session session) {
                server.sessionsCreated.incrementAndGet();
            }
        });
        List<RequestHandler<ConnectionService>> handlers = new ArrayList<>();
        handlers.add((service, request, wantReply, buffer) -> {
            if (request.startsWith("keepalive@")) {
                server.keepalivesReceived.incrementAndGet();
            }
            return RequestHandler.Result.Unsupported; // the default handlers still answer it
        });
        handlers.addAll(sshd.getGlobalRequestHandlers());
        sshd.setGlobalRequestHandlers(handlers);
        try {
            sshd.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return server;
    }

    static KeyPair newHostKey() {
        try {
            return KeyUtils.generateKeyPair(KeyPairProvider.ECDSA_SHA2_NISTP256, 256);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    int port() {
        return sshd.getPort();
    }

    KeyPair hostKey() {
        return hostKey;
    }

    /** How many SSH sessions (TCP connections with a handshake) clients opened so far. */
    int sessionsCreated() {
        return sessionsCreated.get();
    }

    /** How many keepalive requests clients sent. */
    int keepalivesReceived() {
        return keepalivesReceived.get();
    }

    int activeSessions() {
        return sshd.getActiveSessions().size();
    }

    /** Closes every client connection at once, as a crashed network or server would. */
    void dropAllSessions() {
        sshd.getActiveSessions().forEach(session -> session.close(true));
    }

    /** The known_hosts line for this server as reached on 127.0.0.1. */
    String knownHostsLine() {
        return "[127.0.0.1]:" + port() + " " + PublicKeyEntry.toString(hostKey.getPublic());
    }

    /** Every command line an exec channel asked for, in arrival order. */
    List<String> commandsRun() {
        return List.copyOf(commandsRun);
    }

    @Override
    public void close() throws IOException {
        sshd.stop(true);
    }
}
