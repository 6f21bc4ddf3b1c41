package dev.xamal.ssh.agent;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.sshd.agent.SshAgent;
import org.apache.sshd.agent.SshAgentFactory;
import org.apache.sshd.agent.SshAgentServer;
import org.apache.sshd.common.FactoryManager;
import org.apache.sshd.common.channel.Channel;
import org.apache.sshd.common.channel.ChannelFactory;
import org.apache.sshd.common.session.ConnectionService;
import org.apache.sshd.common.session.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plugs {@link UnixSocketAgent} into MINA's public key authentication. A missing or dead agent
 * socket is not an error: the agent then simply offers no keys, and the other keys are tried.
 * Agent forwarding to servers is not offered.
 */
public final class UnixSocketAgentFactory implements SshAgentFactory {
    private static final Logger LOG = LoggerFactory.getLogger(UnixSocketAgentFactory.class);

    private final Path socket;

    public UnixSocketAgentFactory(Path socket) {
        this.socket = socket;
    }

    @Override
    public List<ChannelFactory> getChannelForwardingFactories(FactoryManager manager) {
        // MINA requires at least one; this one refuses every agent channel a server might open.
        return List.of(new RefusedAgentChannel());
    }

    @Override
    public SshAgent createClient(Session session, FactoryManager manager) throws IOException {
        try {
            return UnixSocketAgent.connect(socket);
        } catch (IOException e) {
            LOG.debug("ssh-agent at {} is not reachable ({}); not using it", socket, e.getMessage());
            return new EmptyAgent();
        }
    }

    @Override
    public SshAgentServer createServer(ConnectionService service) throws IOException {
        throw new UnsupportedOperationException("xamal does not forward its ssh-agent");
    }

    private static final class RefusedAgentChannel implements ChannelFactory {
        @Override
        public String getName() {
            return "auth-agent@openssh.com";
        }

        @Override
        public Channel createChannel(Session session) {
            return null;
        }
    }

    /** Stands in for an agent that is not running. */
    private static final class EmptyAgent implements SshAgent {
        private boolean open = true;

        @Override
        public List<Map.Entry<java.security.PublicKey, String>> getIdentities() {
            return List.of();
        }

        @Override
        public Map.Entry<String, byte[]> sign(org.apache.sshd.common.session.SessionContext session,
                                              java.security.PublicKey key, String algorithm, byte[] data)
                throws IOException {
            throw new IOException("no ssh-agent is running");
        }

        @Override
        public void addIdentity(java.security.KeyPair key, String comment,
                                org.apache.sshd.agent.SshAgentKeyConstraint... constraints) {
            throw new UnsupportedOperationException("no ssh-agent is running");
        }

        @Override
        public void removeIdentity(java.security.PublicKey key) {
            throw new UnsupportedOperationException("no ssh-agent is running");
        }

        @Override
        public void removeAllIdentities() {
            throw new UnsupportedOperationException("no ssh-agent is running");
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public void close() {
            open = false;
        }
    }
}
