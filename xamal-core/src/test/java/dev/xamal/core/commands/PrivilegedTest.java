package dev.xamal.core.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PrivilegedTest {

    @Test
    void runsThroughSudoForAUserAndDirectlyForRoot() {
        Privileged start = UnitCommands.systemctl(UnitCommands.Verb.START, "shop.web@4000.service");
        assertThat(start.line(false)).isEqualTo("sudo -n /usr/bin/systemctl start shop.web@4000.service");
        assertThat(start.line(true)).isEqualTo("/usr/bin/systemctl start shop.web@4000.service");
        assertThat(start.sudoersLine("deploy"))
                .isEqualTo("deploy ALL=(root) NOPASSWD: /usr/bin/systemctl start shop.web@4000.service");
    }

    @Test
    void anotherTargetUserGoesThroughSudoUOrRunuser() {
        Privileged validate = new Privileged("caddy", "/usr/bin/caddy", List.of("validate", "--config", "/etc/caddy/Caddyfile"));
        assertThat(validate.line(false)).isEqualTo("sudo -n -u caddy /usr/bin/caddy validate --config /etc/caddy/Caddyfile");
        assertThat(validate.line(true)).isEqualTo("/usr/sbin/runuser -u caddy -- /usr/bin/caddy validate --config /etc/caddy/Caddyfile");
        assertThat(validate.sudoersLine("deploy")).startsWith("deploy ALL=(caddy) NOPASSWD: /usr/bin/caddy validate");
        assertThat(validate.sudoCheckLine())
                .isEqualTo("! id -u caddy >/dev/null 2>&1 || sudo -n -l -u caddy /usr/bin/caddy validate --config /etc/caddy/Caddyfile");
    }

    @Test
    void sudoersSpecialCharactersAreEscapedAndTheWildcardOnlyEndsTheArguments() {
        AppPrivileges app = new AppPrivileges(new AppLayout("shop"), "deploy", "deploy", "app", "shop",
                List.of("web"), List.of(), List.of(4000, 4001));
        Privileged exec = app.oneOff("/opt/xamal/shop/slots/4000", "/opt/xamal/shop/env/web-4000.env",
                AppPrivileges.Stdio.PIPE);
        assertThat(exec.sudoersLine("deploy")).isEqualTo("deploy ALL=(root) NOPASSWD: /usr/bin/systemd-run --quiet --wait"
                + " --collect --pipe --uid\\=app --working-directory\\=/opt/xamal/shop/slots/4000"
                + " --property\\=EnvironmentFile\\=/opt/xamal/shop/env/web-4000.env -- *");
        assertThat(exec.withTrailing(List.of("/opt/xamal/shop/slots/4000/bin/shop", "run", "com.example.Migrate")).line(false))
                .endsWith("-- /opt/xamal/shop/slots/4000/bin/shop run com.example.Migrate");
        assertThat(exec.sudoCheckLine()).endsWith("-- x");
        assertThatThrownBy(() -> Privileged.root("/usr/bin/journalctl", "-u", "*"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("after --");
        assertThatThrownBy(() -> Privileged.root("systemctl", "start")).hasMessageContaining("absolute");
        assertThat(Privileged.sudoersEscaped("a,b:c=d\\e*")).isEqualTo("a\\,b\\:c\\=d\\\\e\\*");
    }

    @Test
    void theAppsCommandsNameEveryUnitExactly() {
        AppPrivileges app = new AppPrivileges(new AppLayout("shop.staging"), "deploy", "staff", "deploy", "shop",
                List.of("web"), List.of("worker"), List.of(4000, 4001));
        List<String> lines = SudoersLines.lines("deploy", app.all());
        assertThat(lines).contains(
                "deploy ALL=(root) NOPASSWD: /usr/bin/install -d -o deploy -g staff -m 0755 /opt/xamal/shop.staging",
                "deploy ALL=(root) NOPASSWD: /usr/bin/rm -rf -- /opt/xamal/shop.staging",
                "deploy ALL=(root) NOPASSWD: /usr/bin/tee /etc/systemd/system/shop.staging.web@.service",
                "deploy ALL=(root) NOPASSWD: /usr/bin/tee /etc/systemd/system/shop.staging.worker.service",
                "deploy ALL=(root) NOPASSWD: /usr/bin/systemctl daemon-reload",
                "deploy ALL=(root) NOPASSWD: /usr/bin/systemctl stop shop.staging.web@4001.service",
                "deploy ALL=(root) NOPASSWD: /usr/bin/systemctl restart shop.staging.worker.service",
                "deploy ALL=(root) NOPASSWD: /usr/bin/systemctl enable --now --no-reload shop.staging.web@4001.service",
                "deploy ALL=(root) NOPASSWD: /usr/bin/systemctl disable --now --no-reload shop.staging.web@4000.service",
                "deploy ALL=(root) NOPASSWD: /usr/bin/journalctl --no-pager -n 50 -u shop.staging.web@4000.service");
        assertThat(lines).doesNotHaveDuplicates().noneMatch(l -> l.contains("NOPASSWD: ALL"));
        assertThat(lines).filteredOn(l -> l.contains("systemctl ") && !l.contains("daemon-reload")).allMatch(l -> l.contains("shop.staging."));
        assertThat(SudoersLines.fileFor(new AppLayout("shop.staging"))).isEqualTo("/etc/sudoers.d/xamal-shop-staging");
    }

    @Test
    void queriesNeedNoPrivileges() {
        assertThat(UnitCommands.isActive("shop.web@4000.service")).isEqualTo("/usr/bin/systemctl is-active shop.web@4000.service");
        assertThat(UnitCommands.show("shop.web@4000.service", "ExecMainStatus"))
                .isEqualTo("/usr/bin/systemctl show --property=ExecMainStatus --value shop.web@4000.service");
    }
}
