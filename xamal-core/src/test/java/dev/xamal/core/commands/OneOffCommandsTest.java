package dev.xamal.core.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.xamal.core.commands.AppPrivileges.Stdio;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class OneOffCommandsTest {
    private final AppLayout layout = new AppLayout("shop");
    private final ReleaseSlot web = ReleaseSlot.proxied(layout, "web", 4001);
    private final OneOffCommands deploy = new OneOffCommands("app", "shop", false);

    @Test
    void aShellCommandRunsThroughSystemdRunInTheSlotWithItsEnvFileAsTheReleaseUser() {
        assertThat(deploy.shell(web, Map.of(), "ls -l", Stdio.PIPE)).isEqualTo("sudo -n /usr/bin/systemd-run --quiet"
                + " --wait --collect --pipe --uid=app --working-directory=/opt/xamal/shop/slots/4001"
                + " --property=EnvironmentFile=/opt/xamal/shop/env/web-4001.env -- /bin/sh -c 'ls -l'");
        assertThat(new OneOffCommands("root", "shop", true).shell(web, Map.of(), "tty", Stdio.PTY))
                .startsWith("/usr/bin/systemd-run --quiet --wait --collect --pty --uid=root ");
    }

    @Test
    void addedVariablesGoThroughEnvAndEveryDollarIsDoubledForSystemd() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("GREETING", "it's \"a b\" $HOME");
        env.put("MODE", "dry");
        assertThat(deploy.shell(web, env, "echo \"$GREETING\"", Stdio.PIPE))
                .endsWith("-- /usr/bin/env 'GREETING=it'\\''s \"a b\" $$HOME' MODE=dry /bin/sh -c 'echo \"$$GREETING\"'");
        assertThatThrownBy(() -> deploy.shell(web, Map.of("1X", "y"), "true", Stdio.PIPE))
                .hasMessageContaining("not a variable name");
    }

    @Test
    void theLauncherRunsFromTheSlotOfARoleWithoutProxyToo() {
        ReleaseSlot worker = ReleaseSlot.plain(layout, "worker");
        assertThat(worker.unit()).isEqualTo("shop.worker.service");
        assertThat(worker.name()).isEqualTo("worker");
        assertThat(deploy.launcher(worker, List.of("run", "com.example.Migrate"), Stdio.PIPE))
                .contains("--working-directory=/opt/xamal/shop/slots/worker")
                .contains("--property=EnvironmentFile=/opt/xamal/shop/env/worker.env")
                .endsWith("-- /opt/xamal/shop/slots/worker/bin/shop run com.example.Migrate");
    }

    @Test
    void journalQueriesNameTheUnitAndOnlyTheOptionsGiven() {
        JournalCommands.Query query = new JournalCommands.Query(OptionalInt.of(20), Optional.of("-1h"), Optional.empty(),
                Optional.of("ERROR|WARN"), true);
        assertThat(JournalCommands.journal(List.of("shop.web@4000.service"), query, true))
                .isEqualTo("/usr/bin/journalctl --no-pager --output=short-iso -u shop.web@4000.service -n 20"
                        + " --since=-1h '--grep=ERROR|WARN' --follow");
        JournalCommands.Query plain = new JournalCommands.Query(OptionalInt.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), false);
        assertThat(JournalCommands.journal(List.of("caddy.service"), plain.within(Optional.of("@10"), Optional.of("@20")),
                false)).isEqualTo("if id -nG | tr ' ' '\\n' | grep -qxE 'systemd-journal|adm'; then /usr/bin/journalctl"
                + " --no-pager --output=short-iso -u caddy.service --since=@10 --until=@20; else sudo -n"
                + " /usr/bin/journalctl --no-pager --output=short-iso -u caddy.service --since=@10 --until=@20; fi");
        assertThat(query.within(Optional.of("@10"), Optional.empty()).since()).as("the user's own since wins")
                .hasValue("-1h");
    }

    @Test
    void slotsAreListedWithTheirTargetsAndLinkTimes() {
        assertThat(SlotCommands.listSlots(layout)).isEqualTo("if [ -d '/opt/xamal/shop/slots' ]; then cd"
                + " '/opt/xamal/shop/slots' && for s in *; do if [ -h \"$s\" ]; then printf '%s\\t%s\\t%s\\n' \"$s\""
                + " \"$(readlink \"$s\")\" \"$(stat -c %Y \"$s\")\"; fi; done; fi");
    }

    @Test
    void missingRuntimeModulesAreReadFromTheRuntimesReleaseFile() {
        assertThat(SlotCommands.missingModules(web, List.of("jdk.jshell", "jdk.zipfs"))).isEqualTo(
                "for m in jdk.jshell jdk.zipfs; do grep -Eq \"^MODULES=.*[\\\" ]$m[\\\" ]\""
                        + " '/opt/xamal/shop/slots/4001/runtime/release' 2>/dev/null || echo \"$m\"; done");
    }
}
