package dev.xamal.core.commands;


/**
 * How a command that needs root runs for the SSH user: through {@code sudo -n} (never prompting:
 * a missing sudoers line fails at once instead of hanging), or directly when the user is root.
 * Pure.
 *
 * @param root whether the SSH user is root
 */
public record Privilege(boolean root) {
    public static final String SYSTEMCTL = "/usr/bin/systemctl";
    public static final String JOURNALCTL = "/usr/bin/journalctl";

    /** The privilege of an SSH user name. */
    public static Privilege of(String sshUser) {
        return new Privilege("root".equals(sshUser));
    }

    /** The words as a command line run as root. */
    public String line(String... words) {
        String command = Shell.join(words);
        return root ? command : "sudo -n " + command;
    }

    /** {@code systemctl <verb> <units...>} as root. */
    public String systemctl(String verb, String... units) {
        String[] words = new String[units.length + 2];
        words[0] = SYSTEMCTL;
        words[1] = verb;
        System.arraycopy(units, 0, words, 2, units.length);
        return line(words);
    }
}
