package dev.xamal.core.commands;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One-off processes in a release's context (design §6): run by {@code systemd-run} as the
 * release user, in a slot's directory, with that slot's env file, so systemd is the only parser
 * of env files. Pure.
 *
 * <p>systemd expands {@code $NAME} and {@code ${NAME}} in the command it is given and turns
 * {@code $$} into {@code $}; every word after {@code --} therefore has its {@code $} doubled, so
 * a command and its added variables arrive exactly as written.
 *
 * @param releaseUser   the user the release runs as
 * @param launcher      the release's launcher name ({@code bin/<launcher>})
 * @param sshUserIsRoot whether root commands run directly instead of through {@code sudo -n}
 */
public record OneOffCommands(String releaseUser, String launcher, boolean sshUserIsRoot) {
    /** The shell that runs {@code app-exec} commands. */
    public static final String SHELL = "/bin/sh";
    /** Adds variables in front of the shell. */
    public static final String ENV = "/usr/bin/env";

    public OneOffCommands {
        Objects.requireNonNull(releaseUser, "releaseUser");
        Objects.requireNonNull(launcher, "launcher");
    }

    /**
     * A shell command line run in the slot, with variables added to the slot's environment.
     *
     * @param extraEnv variables set on top of the env file (names {@code [A-Za-z_][A-Za-z0-9_]*})
     */
    public String shell(ReleaseSlot slot, Map<String, String> extraEnv, String command, AppPrivileges.Stdio stdio) {
        List<String> words = new ArrayList<>();
        if (!extraEnv.isEmpty()) {
            words.add(ENV);
            extraEnv.forEach((name, value) -> words.add(requireName(name) + "=" + value));
        }
        words.addAll(List.of(SHELL, "-c", command));
        return line(slot, words, stdio);
    }

    /** The release's launcher ({@code bin/<launcher> <args>}) run in the slot. */
    public String launcher(ReleaseSlot slot, List<String> args, AppPrivileges.Stdio stdio) {
        List<String> words = new ArrayList<>();
        words.add(slot.dir() + "/bin/" + launcher);
        words.addAll(args);
        return line(slot, words, stdio);
    }

    private String line(ReleaseSlot slot, List<String> words, AppPrivileges.Stdio stdio) {
        return AppPrivileges.oneOff(releaseUser, slot.dir(), slot.envFile(), stdio)
                .withTrailing(words.stream().map(OneOffCommands::systemdLiteral).toList())
                .line(sshUserIsRoot);
    }

    /** A word systemd passes on unchanged: every {@code $} doubled. */
    static String systemdLiteral(String word) {
        return word.replace("$", "$$");
    }

    private static String requireName(String name) {
        if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("not a variable name: " + name);
        }
        return name;
    }
}
