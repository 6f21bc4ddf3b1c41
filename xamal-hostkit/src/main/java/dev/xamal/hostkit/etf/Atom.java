package dev.xamal.hostkit.etf;

import java.nio.charset.StandardCharsets;

/**
 * An Erlang atom, its own type so an atom and a binary (a Java {@link String}) are never
 * confused. At most 255 characters, as in Erlang.
 *
 * @param name the atom's text
 */
public record Atom(String name) implements Comparable<Atom> {
    public static final int MAX_CHARACTERS = 255;

    public Atom {
        if (name.codePointCount(0, name.length()) > MAX_CHARACTERS) {
            throw new IllegalArgumentException("an atom has at most " + MAX_CHARACTERS + " characters: " + name);
        }
    }

    public static Atom of(String name) {
        return new Atom(name);
    }

    byte[] utf8() {
        return name.getBytes(StandardCharsets.UTF_8);
    }

    /** Erlang's atom order: by text, character by character (UTF-8 byte order gives the same). */
    @Override
    public int compareTo(Atom other) {
        return java.util.Arrays.compareUnsigned(utf8(), other.utf8());
    }

    @Override
    public String toString() {
        return ":" + name;
    }
}
