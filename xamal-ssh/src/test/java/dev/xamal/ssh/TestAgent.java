package dev.xamal.ssh;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A real {@code ssh-agent} process on a socket in a test directory, fed with {@code ssh-add}. */
final class TestAgent implements AutoCloseable {
    private final Path socket;
    private final Path home;
    private final Process process;

    private TestAgent(Path socket, Path home, Process process) {
        this.socket = socket;
        this.home = home;
        this.process = process;
    }

    /** Starts an agent listening on {@code dir/agent.sock}; {@code ssh-add} runs with {@code HOME=home}. */
    static TestAgent start(Path dir, Path home) throws IOException {
        Path socket = dir.resolve("agent.sock");
        Process process = new ProcessBuilder("ssh-agent", "-D", "-a", socket.toString())
                .redirectErrorStream(true).start();
        TestAgent agent = new TestAgent(socket, home, process);
        try {
            InProcessServerTest.waitUntil(() -> Files.exists(socket), Duration.ofSeconds(10), "ssh-agent listens");
        } catch (AssertionError e) {
            agent.close();
            throw e;
        }
        return agent;
    }

    Path socket() {
        return socket;
    }

    void add(Path... keys) {
        List<String> command = new ArrayList<>(List.of("ssh-add"));
        for (Path key : keys) {
            command.add(key.toString());
        }
        sshAdd(command);
    }

    void remove(Path key) {
        sshAdd(List.of("ssh-add", "-d", key.toString()));
    }

    void removeAll() {
        sshAdd(List.of("ssh-add", "-D"));
    }

    private void sshAdd(List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("SSH_AUTH_SOCK", socket.toString());
        builder.environment().put("HOME", home.toString());
        try {
            Process add = builder.start();
            add.getOutputStream().close();
            String output = new String(add.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (add.waitFor() != 0) {
                throw new IllegalStateException(command + " failed: " + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException(command + " could not run", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        process.destroy();
    }
}
