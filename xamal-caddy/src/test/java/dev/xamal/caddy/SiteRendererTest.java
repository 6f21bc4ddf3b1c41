package dev.xamal.caddy;

import dev.xamal.core.spi.ProxySite;
import static org.assertj.core.api.Assertions.assertThat;

import dev.xamal.core.config.CaddyConfig;
import dev.xamal.core.config.CaddyConfig.Ssl;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SiteRendererTest {

    private static CaddyConfig caddy(Ssl ssl, String... hosts) {
        return new CaddyConfig(Optional.empty(), List.of(hosts), 4000, ssl);
    }

    @Test
    void proxiesToOnePortWithAcmeCertificates() {
        String site = SiteRenderer.render(ProxySite.proxying("shop", caddy(Ssl.ACME, "shop.example.com", "www.shop.example.com"), List.of(4001)));
        assertThat(site).isEqualTo("""
                # shop: written by xamal on every switch; edits are lost
                shop.example.com, www.shop.example.com {
                \treverse_proxy localhost:4001
                }
                """);
    }

    @Test
    void drainingSitePrefersTheNewPortAndKeepsTheOldAsFallback() {
        String site = SiteRenderer.render(ProxySite.proxying("shop", caddy(Ssl.OFF, "shop.test"), List.of(4001, 4000)));
        assertThat(site).contains("http://shop.test {")
                .contains("\treverse_proxy localhost:4001 localhost:4000 {\n\t\tlb_policy first\n\t}\n");
    }

    @Test
    void internalCaUsesTlsInternal() {
        String site = SiteRenderer.render(ProxySite.proxying("shop", caddy(Ssl.INTERNAL, "localhost"), List.of(4000)));
        assertThat(site).contains("localhost {\n\ttls internal\n");
    }

    @Test
    void withoutHostnamesTheSiteAnswersOnPort80() {
        assertThat(SiteRenderer.address(List.of(), Ssl.ACME)).isEqualTo(":80");
        assertThat(SiteRenderer.address(List.of("::1"), Ssl.OFF)).isEqualTo("http://[::1]");
    }

    @Test
    void maintenanceRespondsWith503AndRetryAfter() {
        ProxySite site = ProxySite.proxying("shop", caddy(Ssl.OFF, "shop.test"), List.of(4000))
                .inMaintenance(new ProxySite.Maintenance("Back \"soon\"", Optional.empty(), 120));
        String text = SiteRenderer.render(site);
        assertThat(text).contains("\theader Retry-After \"120\"\n")
                .contains("\trespond \"Back \\\"soon\\\"\" 503\n")
                .doesNotContain("reverse_proxy");
    }

    @Test
    void maintenancePageIsServedWithTheErrorStatus() {
        ProxySite site = ProxySite.proxying("shop", caddy(Ssl.OFF, "shop.test"), List.of(4000))
                .inMaintenance(new ProxySite.Maintenance("x", Optional.of("/opt/xamal/shop/maintenance/503.html"), 60));
        String text = SiteRenderer.render(site);
        assertThat(text).contains("\terror 503\n")
                .contains("\t\troot * \"/opt/xamal/shop/maintenance\"\n")
                .contains("\t\trewrite * \"/503.html\"\n")
                .contains("\t\tfile_server\n");
    }
}
