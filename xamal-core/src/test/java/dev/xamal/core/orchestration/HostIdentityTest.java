package dev.xamal.core.orchestration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.xamal.core.EnvironmentException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostIdentityTest {
    @Test
    void theProbeSaysWhetherTheHostHasBashOrCurl(@TempDir Path bin) throws Exception {
        Path id = Path.of("/usr/bin/id");
        Files.createSymbolicLink(bin.resolve("id"), Files.isExecutable(id) ? id : Path.of("/bin/id"));
        HostIdentity without = HostIdentity.parse("web1", probe(bin.toString()));
        assertThat(without.httpClient()).as("only id on the PATH").isFalse();
        assertThat(without.user()).isNotBlank();

        Path withCurl = Files.createDirectories(bin.resolve("curl-only"));
        Files.createSymbolicLink(withCurl.resolve("id"), bin.resolve("id"));
        Files.writeString(withCurl.resolve("curl"), "#!/bin/sh\n");
        assertThat(withCurl.resolve("curl").toFile().setExecutable(true)).isTrue();
        assertThat(HostIdentity.parse("web1", probe(withCurl.toString())).httpClient()).isTrue();
    }

    @Test
    void aHostWithNeitherIsRefusedSayingWhatToInstall() {
        HostIdentity bare = HostIdentity.parse("web1", "deploy\ndeploy\n1000\nsystemd\nnone\n");
        assertThat(bare.root()).isFalse();
        assertThat(bare.systemd()).isTrue();
        assertThatThrownBy(() -> bare.requireHttpClient("web1")).isInstanceOf(EnvironmentException.class)
                .hasMessage("web1 has neither bash nor curl on the PATH of deploy: the health checks and the requests"
                        + " to Caddy's admin endpoint need one of them; install curl (on Debian and Ubuntu: apt-get"
                        + " install curl) and run setup again");
        HostIdentity.parse("web1", "root\nroot\n0\nsystemd\nhttp\n").requireHttpClient("web1");
        assertThatThrownBy(() -> HostIdentity.parse("web1", "deploy\ndeploy\n1000\nsystemd\n"))
                .hasMessageStartingWith("Cannot tell who xamal is on web1");
    }

    private static String probe(String path) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c", HostIdentity.PROBE);
        builder.environment().put("PATH", path);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(out).isZero();
        return out;
    }
}
