package dev.xamal.ssh;

/** Quotes one word for a POSIX shell: {@code it's} becomes {@code 'it'\''s'}. */
final class ShellQuoting {
    private ShellQuoting() {
    }

    static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
