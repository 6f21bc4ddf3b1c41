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
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code caddy.ssl: internal}: the deployed app answers over HTTPS on the host's mapped 443 with
 * a certificate from the host's own Caddy CA, which a client trusting only that CA accepts (and a
 * client with the JDK's default trust refuses).
 */
class DeployTlsInternalRealHostIT {
    private static final String CA = "/var/lib/caddy/.local/share/caddy/pki/authorities/local/root.crt";

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

        HttpClient trusting = HttpClient.newBuilder().sslContext(trusting(host.shell("cat " + CA))).build();
        HttpResponse<String> response = trusting.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("tls-1\n");

        HttpClient defaultTrust = HttpClient.newHttpClient();
        assertThatThrownBy(() -> defaultTrust.send(request, HttpResponse.BodyHandlers.ofString()))
                .as("the certificate is not from a public CA").isInstanceOf(SSLHandshakeException.class);
    }

    private static SSLContext trusting(String pem) throws Exception {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        store.setCertificateEntry("caddy-local", CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII))));
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }
}
