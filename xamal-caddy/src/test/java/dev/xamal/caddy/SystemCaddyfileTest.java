package dev.xamal.caddy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SystemCaddyfileTest {
    // Shaped like the Caddyfile Debian's caddy package installs.
    private static final String STOCK = """
            # The Caddyfile is an easy way to configure your Caddy web server.
            #
            # Unless the file starts with a global options block, the first
            # uncommented line is always the address of your site.

            :80 {
            \t# Set this path to your site's directory.
            \troot * /usr/share/caddy

            \t# Enable the static file server.
            \tfile_server
            }

            # Refer to the Caddy docs for more information:
            """;

    @Test
    void stockFileIsReplacedByTheImportLine() {
        SystemCaddyfile.Merge merge = SystemCaddyfile.merge(STOCK);
        assertThat(merge.changed()).isTrue();
        assertThat(merge.content()).doesNotContain("/usr/share/caddy")
                .endsWith("import /opt/xamal/*/Caddyfile\n");
    }

    @Test
    void mergingTwiceChangesNothing() {
        String once = SystemCaddyfile.merge(STOCK).content();
        SystemCaddyfile.Merge twice = SystemCaddyfile.merge(once);
        assertThat(twice.changed()).isFalse();
        assertThat(twice.content()).isEqualTo(once);
    }

    @Test
    void usersOwnSitesAndGlobalOptionsAreKept() {
        String users = """
                {
                \temail ops@example.com
                }

                blog.example.com {
                \troot * /srv/blog
                \tfile_server
                \trespond /brace "}" 200
                }
                """;
        SystemCaddyfile.Merge merge = SystemCaddyfile.merge(users + STOCK);
        assertThat(merge.content()).startsWith(users)
                .contains("blog.example.com {")
                .doesNotContain("root * /usr/share/caddy")
                .endsWith("import /opt/xamal/*/Caddyfile\n");
    }
}
