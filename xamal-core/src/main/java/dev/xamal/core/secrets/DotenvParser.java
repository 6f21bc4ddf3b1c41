package dev.xamal.core.secrets;

import dev.xamal.core.UsageException;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses the dotenv dialect of the secrets files into assignments whose values are still made of
 * {@link ValuePart}s (variables and commands are resolved later, by {@link SecretsLoader}).
 *
 * <p>The dialect (documented for users in {@code docs/secrets.md}):
 * <ul>
 *   <li>blank lines and lines whose first non-blank character is {@code #} are comments;</li>
 *   <li>{@code KEY=value} or {@code export KEY=value}; keys are {@code [A-Za-z_][A-Za-z0-9_]*};
 *       blanks around {@code =} are allowed;</li>
 *   <li>{@code 'single quoted'}: taken literally, may span lines;</li>
 *   <li>{@code "double quoted"}: may span lines; escapes {@code \n \t \r \" \\ \$}; any other
 *       backslash is kept; {@code $NAME}, {@code ${NAME}} and {@code $(command)} are expanded;</li>
 *   <li>unquoted: runs to the end of the line or to a {@code #} preceded by a blank; surrounding
 *       blanks are trimmed; {@code \$} is a literal dollar, other backslashes are kept; expansions
 *       as in double quotes;</li>
 *   <li>after a closing quote only blanks and a {@code #} comment may follow on that line.</li>
 * </ul>
 * A lone {@code $} not followed by a name, {@code {} or {@code (} is literal. CRLF line ends are
 * read as LF. Every syntax error names the file and line.
 */
final class DotenvParser {
    private final String source;
    private final String text;
    private int pos;
    private int line = 1;

    private DotenvParser(String source, String text) {
        this.source = source;
        this.text = text.replace("\r\n", "\n");
    }

    /**
     * Parses a whole file.
     *
     * @param source the file name shown in messages
     * @param text   the file's content
     */
    static List<DotenvEntry> parse(String source, String text) {
        return new DotenvParser(source, text).entries();
    }

    private List<DotenvEntry> entries() {
        List<DotenvEntry> entries = new ArrayList<>();
        while (true) {
            skipBlanksAndNewlines();
            if (atEnd()) {
                return entries;
            }
            if (peek() == '#') {
                skipToEndOfLine();
                continue;
            }
            entries.add(assignment());
        }
    }

    private DotenvEntry assignment() {
        int startLine = line;
        if (text.startsWith("export", pos) && pos + 6 < text.length() && isBlank(text.charAt(pos + 6))) {
            pos += 6;
            skipBlanks();
        }
        String key = key();
        skipBlanks();
        if (atEnd() || peek() != '=') {
            throw syntax(startLine, "expected KEY=value after '" + key + "' (a line holds one assignment)");
        }
        pos++;
        skipBlanks();
        List<ValuePart> parts = new ArrayList<>();
        if (!atEnd() && peek() == '\'') {
            singleQuoted(parts);
            endOfQuotedValue();
        } else if (!atEnd() && peek() == '"') {
            doubleQuoted(parts);
            endOfQuotedValue();
        } else {
            unquoted(parts);
        }
        return new DotenvEntry(source, startLine, key, merge(parts));
    }

    private String key() {
        int start = pos;
        if (atEnd() || !isNameStart(peek())) {
            throw syntax(line, "expected KEY=value (keys are letters, digits and _, not starting with a digit)");
        }
        while (!atEnd() && isNamePart(peek())) {
            pos++;
        }
        if (!atEnd() && !isBlank(peek()) && peek() != '=') {
            throw syntax(line, "invalid character after '" + text.substring(start, pos)
                    + "' in the key (keys are letters, digits and _)");
        }
        return text.substring(start, pos);
    }

    private void singleQuoted(List<ValuePart> parts) {
        int startLine = line;
        pos++;
        int close = text.indexOf('\'', pos);
        if (close < 0) {
            throw syntax(startLine, "single quote is never closed");
        }
        String value = text.substring(pos, close);
        countNewlines(value);
        pos = close + 1;
        parts.add(new ValuePart.Literal(value));
    }

    private void doubleQuoted(List<ValuePart> parts) {
        int startLine = line;
        pos++;
        StringBuilder literal = new StringBuilder();
        while (true) {
            if (atEnd()) {
                throw syntax(startLine, "double quote is never closed");
            }
            char c = text.charAt(pos);
            if (c == '"') {
                pos++;
                break;
            }
            if (c == '\\' && pos + 1 < text.length()) {
                char next = text.charAt(pos + 1);
                switch (next) {
                    case 'n' -> literal.append('\n');
                    case 't' -> literal.append('\t');
                    case 'r' -> literal.append('\r');
                    case '"', '\\', '$' -> literal.append(next);
                    default -> {
                        literal.append('\\');
                        pos++;
                        continue;
                    }
                }
                pos += 2;
                continue;
            }
            if (c == '$') {
                dollar(parts, literal);
                continue;
            }
            if (c == '\n') {
                line++;
            }
            literal.append(c);
            pos++;
        }
        flush(parts, literal);
    }

    private void unquoted(List<ValuePart> parts) {
        StringBuilder literal = new StringBuilder();
        while (!atEnd()) {
            char c = text.charAt(pos);
            if (c == '\n') {
                break;
            }
            if (c == '#' && pos > 0 && isBlank(text.charAt(pos - 1))) {
                skipToEndOfLine();
                break;
            }
            if (c == '\\' && pos + 1 < text.length() && text.charAt(pos + 1) == '$') {
                literal.append('$');
                pos += 2;
                continue;
            }
            if (c == '$') {
                dollar(parts, literal);
                continue;
            }
            literal.append(c);
            pos++;
        }
        // Trailing blanks before the end of line or a comment are not part of the value.
        if (parts.isEmpty() || !literal.isEmpty()) {
            int end = literal.length();
            while (end > 0 && isBlank(literal.charAt(end - 1))) {
                end--;
            }
            literal.setLength(end);
        }
        flush(parts, literal);
    }

    /** At a {@code $}: a command, a variable, or a literal dollar. */
    private void dollar(List<ValuePart> parts, StringBuilder literal) {
        int startLine = line;
        char next = pos + 1 < text.length() ? text.charAt(pos + 1) : 0;
        if (next == '(') {
            flush(parts, literal);
            pos += 2;
            parts.add(new ValuePart.CommandSubstitution(command(startLine), startLine));
        } else if (next == '{') {
            int close = text.indexOf('}', pos + 2);
            int newline = text.indexOf('\n', pos + 2);
            if (close < 0 || (newline >= 0 && newline < close)) {
                throw syntax(startLine, "'${' is never closed with '}'");
            }
            String name = text.substring(pos + 2, close);
            if (!isName(name)) {
                throw syntax(startLine, "'${' must be followed by a NAME and '}': only ${NAME} is supported"
                        + " (write \\$ for a literal dollar, or use single quotes)");
            }
            flush(parts, literal);
            parts.add(new ValuePart.VariableRef(name, startLine));
            pos = close + 1;
        } else if (isNameStart(next)) {
            int start = pos + 1;
            int end = start;
            while (end < text.length() && isNamePart(text.charAt(end))) {
                end++;
            }
            flush(parts, literal);
            parts.add(new ValuePart.VariableRef(text.substring(start, end), startLine));
            pos = end;
        } else {
            literal.append('$');
            pos++;
        }
    }

    /**
     * Reads a command up to its matching {@code )}: parentheses nest, and quotes and backslashes
     * inside the command are honoured the way {@code sh} reads them, so {@code $(echo ")")} works.
     */
    private String command(int startLine) {
        int start = pos;
        int depth = 1;
        char quote = 0;
        while (true) {
            if (atEnd()) {
                throw syntax(startLine, "'$(' is never closed with ')'");
            }
            char c = text.charAt(pos);
            if (c == '\n') {
                line++;
            }
            if (quote == '\'') {
                if (c == '\'') {
                    quote = 0;
                }
            } else if (c == '\\') {
                pos++;
                if (!atEnd() && text.charAt(pos) == '\n') {
                    line++;
                }
            } else if (quote == '"') {
                if (c == '"') {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
                if (depth == 0) {
                    String command = text.substring(start, pos);
                    pos++;
                    if (command.isBlank()) {
                        throw syntax(startLine, "'$()' holds no command");
                    }
                    return command;
                }
            }
            pos++;
        }
    }

    private void endOfQuotedValue() {
        skipBlanks();
        if (atEnd() || peek() == '\n') {
            return;
        }
        if (peek() == '#') {
            skipToEndOfLine();
            return;
        }
        throw syntax(line, "unexpected text after the closing quote"
                + " (quote the whole value, or start a comment with ' #')");
    }

    private static void flush(List<ValuePart> parts, StringBuilder literal) {
        if (!literal.isEmpty()) {
            parts.add(new ValuePart.Literal(literal.toString()));
            literal.setLength(0);
        }
    }

    /** Joins adjacent literals; an empty value is one empty literal. */
    private static List<ValuePart> merge(List<ValuePart> parts) {
        List<ValuePart> merged = new ArrayList<>();
        for (ValuePart part : parts) {
            if (part instanceof ValuePart.Literal literal && !merged.isEmpty()
                    && merged.get(merged.size() - 1) instanceof ValuePart.Literal previous) {
                merged.set(merged.size() - 1, new ValuePart.Literal(previous.text() + literal.text()));
            } else {
                merged.add(part);
            }
        }
        if (merged.isEmpty()) {
            merged.add(new ValuePart.Literal(""));
        }
        return merged;
    }

    private UsageException syntax(int atLine, String problem) {
        return new UsageException(source + " line " + atLine + ": " + problem);
    }

    private void skipBlanks() {
        while (!atEnd() && isBlank(peek())) {
            pos++;
        }
    }

    private void skipBlanksAndNewlines() {
        while (!atEnd() && (isBlank(peek()) || peek() == '\n')) {
            if (peek() == '\n') {
                line++;
            }
            pos++;
        }
    }

    private void skipToEndOfLine() {
        while (!atEnd() && peek() != '\n') {
            pos++;
        }
    }


    private void countNewlines(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) == '\n') {
                line++;
            }
        }
    }

    private boolean atEnd() {
        return pos >= text.length();
    }

    private char peek() {
        return text.charAt(pos);
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\r';
    }

    static boolean isNameStart(char c) {
        return c == '_' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }

    static boolean isNamePart(char c) {
        return isNameStart(c) || (c >= '0' && c <= '9');
    }

    /** Whether the text is a valid key or variable name: {@code [A-Za-z_][A-Za-z0-9_]*}. */
    static boolean isName(String name) {
        if (name.isEmpty() || !isNameStart(name.charAt(0))) {
            return false;
        }
        for (int i = 1; i < name.length(); i++) {
            if (!isNamePart(name.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
