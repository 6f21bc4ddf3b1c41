package dev.xamal.testhosts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The no-caddy and jre images. */
class ImageVariantsTest {

    @Nested
    class NoCaddy {

        @RegisterExtension
        final TestHosts hosts = TestHosts.builder(1).variant(ImageVariant.NO_CADDY).build();

        @Test
        void caddyIsAbsentButInstallsFromTheImagesOnlyAptSourceWhichIsLocal() {
            TestHost host = hosts.host(1);
            assertThat(hosts.ssh(host, "command -v caddy").exitCode()).as("caddy must not be installed").isNotZero();
            String sources = host.shell("cat /etc/apt/sources.list /etc/apt/sources.list.d/* 2>/dev/null | grep -v '^#' | grep .");
            assertThat(sources.strip()).startsWith("deb [trusted=yes] file:").doesNotContain("http");

            ExecOutput install = hosts.ssh(host, "sudo -n DEBIAN_FRONTEND=noninteractive apt-get install -y -q caddy");
            assertThat(install.exitCode()).as(install.toString()).isZero();
            assertThat(hosts.ssh(host, "caddy version").exitCode()).isZero();
        }
    }

    @Nested
    class Jre {

        @RegisterExtension
        final TestHosts hosts = TestHosts.builder(1).variant(ImageVariant.JRE).build();

        @Test
        void debiansJava17RunsNextToCaddy() {
            TestHost host = hosts.host(1);
            ExecOutput java = hosts.ssh(host, "java -version");
            assertThat(java.exitCode()).as(java.toString()).isZero();
            assertThat(java.stderr()).contains("openjdk version \"17.");
            assertThat(hosts.ssh(host, "systemctl is-active caddy").out()).isEqualTo("active");
        }
    }
}
