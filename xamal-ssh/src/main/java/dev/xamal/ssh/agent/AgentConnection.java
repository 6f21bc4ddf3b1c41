package dev.xamal.ssh.agent;

import java.io.EOFException;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

/**
 * One connection to an ssh-agent over its Unix-domain socket, speaking the agent's framing: each
 * message is a 4-byte big-endian length followed by that many bytes (a type byte, then the body).
 * Uses the JDK's own Unix-domain socket support, no native library.
 */
final class AgentConnection implements AutoCloseable {
    /** Agents answer with small messages; anything larger than this is a broken peer. */
    private static final int MAX_MESSAGE = 256 * 1024;

    private final SocketChannel channel;

    private AgentConnection(SocketChannel channel) {
        this.channel = channel;
    }

    static AgentConnection open(Path socket) throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.connect(UnixDomainSocketAddress.of(socket));
            return new AgentConnection(channel);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
    }

    /** Sends one message (type byte plus body) and returns the agent's reply, type byte first. */
    synchronized byte[] request(byte[] message) throws IOException {
        ByteBuffer out = ByteBuffer.allocate(4 + message.length);
        out.putInt(message.length).put(message).flip();
        while (out.hasRemaining()) {
            channel.write(out);
        }
        ByteBuffer length = readFully(4);
        int size = length.getInt();
        if (size <= 0 || size > MAX_MESSAGE) {
            throw new IOException("ssh-agent sent a message of invalid length " + size);
        }
        return readFully(size).array();
    }

    private ByteBuffer readFully(int size) throws IOException {
        ByteBuffer in = ByteBuffer.allocate(size);
        while (in.hasRemaining()) {
            if (channel.read(in) < 0) {
                throw new EOFException("ssh-agent closed the connection");
            }
        }
        return in.flip();
    }

    boolean isOpen() {
        return channel.isOpen();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
