package dev.xamal.maven;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** TLS that trusts exactly one CA: a test host's Caddy local root ({@code tls internal}). */
final class LocalCa {
    /** Where Debian's Caddy keeps its local CA's root certificate. */
    static final String ROOT_CA = "/var/lib/caddy/.local/share/caddy/pki/authorities/local/root.crt";

    private LocalCa() {
    }

    static SSLContext trusting(String pem) throws GeneralSecurityException, java.io.IOException {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        trust.setCertificateEntry("caddy-local", CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII))));
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, factory.getTrustManagers(), null);
        return tls;
    }
}
