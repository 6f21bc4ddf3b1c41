package dev.xamal.testhosts;

/** What a command printed and how it exited. */
public record ExecOutput(int exitCode, String stdout, String stderr) {

    public boolean succeeded() {
        return exitCode == 0;
    }

    /** Standard output without surrounding whitespace. */
    public String out() {
        return stdout.strip();
    }

    @Override
    public String toString() {
        return "exit " + exitCode + ", stdout: " + stdout.strip() + ", stderr: " + stderr.strip();
    }
}
