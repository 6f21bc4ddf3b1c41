package dev.xamal.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.xamal.caddy.CaddyProxy;
import dev.xamal.core.config.XamalConfig;
import dev.xamal.core.orchestration.Deploy;
import dev.xamal.core.orchestration.ServerBootstrap;
import dev.xamal.core.release.ReleaseLayers;
import dev.xamal.core.spi.UploadProgress;
import dev.xamal.ssh.SshTransport;
import dev.xamal.testhosts.TestHost;
import dev.xamal.testhosts.TestHosts;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code caddy.ssl: internal}: the deployed app answers over HTTPS on the host's mapped 443 with
 * a certificate from the host's own Caddy CA, which a client trusting only that CA accepts (and a
 * client with the JDK's default trust refuses).
 */
class DeployTlsInternalRealHostIT {
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @RegisterExtension
    static TestHosts hosts = TestHosts.start(1);

    @TempDir
    static Path dir;

    @Test
    void theAppIsServedOverHttpsWithTheHostsLocalCa() throws Exception {
        TestHost host = hosts.host(1);
        XamalConfig config = RealHostApp.config(dir, hosts, "service: hellotls\n"
                + "servers:\n  - \"" + host.sshAddress() + "\"\n"
                + "caddy:\n  host: localhost\n  ssl: internal\n"
                + "release:\n  name: hello\n"
                + "deploy_timeout: 30\n");
        ReleaseLayers release = HelloReleases.build(dir.resolve("build"), config, "tls-1");
        try (SshTransport transport = RealHostApp.transport(config, dir)) {
            new ServerBootstrap(transport, new CaddyProxy(), new RealHostApp.RecordingOutput()).run(config, config.allHosts());
            new Deploy(transport, new CaddyProxy(), new RealHostApp.RecordingOutput(), UploadProgress.NONE)
                    .deploy(config, release, config.allHosts(), config.roles(), HelloReleases.noSecrets(dir, config),
                            Deploy.Checks.PREFLIGHT);
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create("https://localhost:" + host.httpsPort() + "/version"))
                .timeout(Duration.ofSeconds(20)).build();

        String rootCa = await("Caddy's local root CA", () -> {
            var out = host.exec("cat", LocalCa.ROOT_CA);
            return out.succeeded() && out.stdout().contains("BEGIN CERTIFICATE") ? out.stdout() : null;
        });
        HttpClient trusting = HttpClient.newBuilder().sslContext(LocalCa.trusting(rootCa)).build();
        // Caddy issues the certificate in the background after the reload: poll until it serves it.
        HttpResponse<String> response = await("HTTPS with a certificate from the local CA", () -> {
            try {
                return trusting.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (java.io.IOException e) {
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        });
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("tls-1\n");

        HttpClient defaultTrust = HttpClient.newHttpClient();
        assertThatThrownBy(() -> defaultTrust.send(request, HttpResponse.BodyHandlers.ofString()))
                .as("the certificate is not from a public CA").isInstanceOf(SSLHandshakeException.class);
    }

    private static <T> T await(String what, java.util.function.Supplier<T> probe) {
        java.time.Instant deadline = java.time.Instant.now().plus(DEADLINE);
        while (java.time.Instant.now().isBefore(deadline)) {
            T value = probe.get();
            if (value != null) {
                return value;
            }
        }
        throw new AssertionError("gave up waiting for " + what + " after " + DEADLINE.toSeconds() + " s");
    }
}
