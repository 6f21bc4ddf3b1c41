package dev.xamal.testhosts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostImagesTest {

    @TempDir
    Path dir;

    @Test
    void readsTheTagOfEachVariant() throws Exception {
        Path file = dir.resolve("images.properties");
        Files.writeString(file, "default=xamal-test-host:abc\nno-caddy=xamal-test-host:abc-no-caddy\n");
        HostImages images = HostImages.load(file);
        assertThat(images.tag(ImageVariant.DEFAULT)).isEqualTo("xamal-test-host:abc");
        assertThat(images.tag(ImageVariant.NO_CADDY)).isEqualTo("xamal-test-host:abc-no-caddy");
        assertThatThrownBy(() -> images.tag(ImageVariant.JRE))
                .hasMessageContaining("'jre'").hasMessageContaining("scripts/provision-test-hosts");
    }

    @Test
    void aMissingFileSaysToProvision() {
        assertThatThrownBy(() -> HostImages.load(dir.resolve("images.properties")))
                .hasMessageContaining("is missing").hasMessageContaining("run scripts/provision-test-hosts");
    }

    @Test
    void findsTheRepositoryRootAboveAModule() throws Exception {
        Files.createDirectories(dir.resolve("scripts"));
        Files.writeString(dir.resolve("scripts/provision-test-hosts"), "#!/bin/sh\n");
        Path module = Files.createDirectories(dir.resolve("some-module/target"));
        assertThat(HostImages.repositoryRoot(module)).contains(dir);
    }
}
