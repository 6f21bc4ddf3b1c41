package dev.xamal.ssh.agent;

import java.io.IOException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.AbstractMap.SimpleImmutableEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.sshd.agent.SshAgent;
import org.apache.sshd.agent.SshAgentKeyConstraint;
import org.apache.sshd.common.SshException;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.session.SessionContext;
import org.apache.sshd.common.util.buffer.Buffer;
import org.apache.sshd.common.util.buffer.ByteArrayBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client side of the ssh-agent protocol, enough to authenticate: list the agent's keys and
 * have it sign. Adding or removing keys is left to {@code ssh-add}.
 */
public final class UnixSocketAgent implements SshAgent {
    static final byte AGENT_FAILURE = 5;
    static final byte REQUEST_IDENTITIES = 11;
    static final byte IDENTITIES_ANSWER = 12;
    static final byte SIGN_REQUEST = 13;
    static final byte SIGN_RESPONSE = 14;
    static final int RSA_SHA2_256 = 2;
    static final int RSA_SHA2_512 = 4;

    private static final Logger LOG = LoggerFactory.getLogger(UnixSocketAgent.class);

    private final Path socket;
    private final AgentConnection connection;

    private UnixSocketAgent(Path socket, AgentConnection connection) {
        this.socket = socket;
        this.connection = connection;
    }

    public static UnixSocketAgent connect(Path socket) throws IOException {
        return new UnixSocketAgent(socket, AgentConnection.open(socket));
    }

    @Override
    public List<Map.Entry<PublicKey, String>> getIdentities() throws IOException {
        Buffer reply = new ByteArrayBuffer(connection.request(new byte[] {REQUEST_IDENTITIES}));
        int type = reply.getUByte();
        if (type != IDENTITIES_ANSWER) {
            throw new SshException("ssh-agent at " + socket + " answered the identity request with message type " + type);
        }
        int count = reply.getInt();
        List<Map.Entry<PublicKey, String>> identities = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte[] blob = reply.getBytes();
            String comment = reply.getString();
            try {
                identities.add(new SimpleImmutableEntry<>(new ByteArrayBuffer(blob).getRawPublicKey(), comment));
            } catch (Exception e) {
                LOG.debug("Skipping ssh-agent key {} of a type xamal cannot use: {}", comment, e.getMessage());
            }
        }
        return identities;
    }

    @Override
    public Map.Entry<String, byte[]> sign(SessionContext session, PublicKey key, String algorithm, byte[] data)
            throws IOException {
        Buffer request = new ByteArrayBuffer();
        request.putByte(SIGN_REQUEST);
        request.putPublicKey(key);
        request.putBytes(data);
        request.putUInt(flagsFor(key, algorithm));
        Buffer reply = new ByteArrayBuffer(connection.request(request.getCompactData()));
        int type = reply.getUByte();
        if (type != SIGN_RESPONSE) {
            throw new SshException("ssh-agent at " + socket + " refused to sign with the "
                    + KeyUtils.getKeyType(key) + " key " + KeyUtils.getFingerPrint(key)
                    + (type == AGENT_FAILURE ? "" : " (message type " + type + ")"));
        }
        Buffer signature = new ByteArrayBuffer(reply.getBytes());
        String signatureAlgorithm = signature.getString();
        return new SimpleImmutableEntry<>(signatureAlgorithm, signature.getBytes());
    }

    private static int flagsFor(PublicKey key, String algorithm) {
        if (!KeyUtils.RSA_ALGORITHM.equals(key.getAlgorithm()) || algorithm == null) {
            return 0;
        }
        return switch (algorithm) {
            case "rsa-sha2-256" -> RSA_SHA2_256;
            case "rsa-sha2-512" -> RSA_SHA2_512;
            default -> 0;
        };
    }

    @Override
    public void addIdentity(KeyPair key, String comment, SshAgentKeyConstraint... constraints) throws IOException {
        throw new UnsupportedOperationException("xamal does not add keys to ssh-agent; use ssh-add");
    }

    @Override
    public void removeIdentity(PublicKey key) throws IOException {
        throw new UnsupportedOperationException("xamal does not remove keys from ssh-agent; use ssh-add -d");
    }

    @Override
    public void removeAllIdentities() throws IOException {
        throw new UnsupportedOperationException("xamal does not remove keys from ssh-agent; use ssh-add -D");
    }

    @Override
    public boolean isOpen() {
        return connection.isOpen();
    }

    @Override
    public void close() throws IOException {
        connection.close();
    }
}
