package dev.xamal.caddy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.xamal.core.config.CaddyConfig.Ssl;
import dev.xamal.core.spi.ProxySite;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SiteAddressesTest {
    private static ProxySite site(String appId, List<String> hostnames, Ssl ssl) {
        return new ProxySite(appId, hostnames, ssl, List.of(4000), Optional.empty());
    }

    private static String listed(String appId, ProxySite other) {
        return SiteAddresses.FILE_MARK + "/opt/xamal/" + appId + "/Caddyfile\n"
                + SiteRenderer.render(other).lines().filter(l -> l.endsWith(" {")).findFirst().orElseThrow() + "\n";
    }

    @Test
    void anAddressAnotherAppsSiteAnswersForIsAClashWhateverTheScheme() {
        String others = listed("beta", site("beta", List.of("beta.example.com"), Ssl.OFF))
                + listed("shop.staging", site("shop.staging", List.of("www.example.com", "example.com"), Ssl.ACME));
        assertThat(SiteAddresses.clash(site("shop.production", List.of("Example.com"), Ssl.OFF), others))
                .hasValue(new SiteAddresses.Clash("shop.staging", List.of("example.com")));
        assertThat(SiteAddresses.clash(site("gamma", List.of("gamma.example.com"), Ssl.OFF), others)).isEmpty();
    }

    @Test
    void twoAppsWithoutAHostNameBothClaimPort80() {
        String others = listed("alpha", site("alpha", List.of(), Ssl.OFF));
        assertThat(SiteAddresses.clash(site("beta", List.of(), Ssl.OFF), others))
                .hasValue(new SiteAddresses.Clash("alpha", List.of(":80")));
        assertThat(SiteAddresses.clash(site("beta", List.of("beta.example.com"), Ssl.OFF), others)).isEmpty();
    }

    @Test
    void theListingLeavesOutTheAppsOwnSiteFile() {
        assertThat(SiteAddresses.listOthers("shop.staging"))
                .contains("/opt/xamal/*/Caddyfile")
                .contains("!= '/opt/xamal/shop.staging/Caddyfile'");
    }
}
