package dev.xamal.core.secrets;

import java.util.List;

/**
 * One {@code KEY=value} assignment of a secrets file, before variables and commands are resolved.
 *
 * @param source the file it was read from, as shown to the user
 * @param line   the line the assignment starts on (1-based)
 * @param key    the key
 * @param parts  the value's pieces, in order
 */
record DotenvEntry(String source, int line, String key, List<ValuePart> parts) {

    DotenvEntry {
        parts = List.copyOf(parts);
    }

    /** Where the entry is, for messages: {@code <file> line <n>}. */
    String location() {
        return source + " line " + line;
    }
}
