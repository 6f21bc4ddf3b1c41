package dev.xamal.caddy;

import java.util.ArrayList;
import java.util.List;

/**
 * The host's {@code /etc/caddy/Caddyfile}: xamal needs one line in it, the import of every app's
 * site file. Debian's stock welcome site (a {@code :80} block serving {@code /usr/share/caddy})
 * would collide with an app answering on port 80, so it is dropped; everything else the user
 * wrote (global options, their own sites, snippets) is kept. Pure.
 */
public final class SystemCaddyfile {
    /** The import line that loads every app's site file. */
    public static final String IMPORT_LINE = "import " + RemotePaths.SITE_FILE_GLOB;

    private static final String STOCK_ROOT = "/usr/share/caddy";

    private SystemCaddyfile() {
    }

    /** The result of merging: the new text and whether it differs from the old. */
    public record Merge(String content, boolean changed) {
    }

    /** The system Caddyfile with the stock site removed and the import line present. */
    public static Merge merge(String existing) {
        List<Block> blocks = Block.split(existing);
        List<Block> kept = new ArrayList<>();
        boolean hasImport = false;
        boolean onlyStock = true;
        for (Block block : blocks) {
            if (block.isStockWelcomeSite()) {
                continue;
            }
            if (block.text().strip().equals(IMPORT_LINE)) {
                hasImport = true;
            }
            if (!block.isComment() && !block.text().isBlank()) {
                onlyStock = false;
            }
            kept.add(block);
        }
        StringBuilder out = new StringBuilder();
        if (onlyStock && !hasImport) {
            // Nothing of the user's: a clean file with just our line.
            out.append("# Each app deployed by xamal keeps its site in its own file.\n");
        } else {
            for (Block block : kept) {
                out.append(block.text());
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != '\n') {
                out.append('\n');
            }
        }
        if (!hasImport) {
            out.append(IMPORT_LINE).append('\n');
        }
        String content = out.toString();
        return new Merge(content, !content.equals(existing));
    }

    /** A top-level piece of a Caddyfile: a comment or blank line, a one-line directive, or a block. */
    record Block(String text) {
        boolean isComment() {
            String stripped = text.strip();
            return stripped.isEmpty() || stripped.lines().allMatch(l -> l.strip().startsWith("#") || l.isBlank());
        }

        boolean isStockWelcomeSite() {
            String stripped = text.strip();
            int brace = stripped.indexOf('{');
            if (brace < 0) {
                return false;
            }
            String address = stripped.substring(0, brace).strip();
            return (address.equals(":80") || address.equals("http://")) && stripped.contains(STOCK_ROOT);
        }

        /** Splits a Caddyfile into top-level pieces, following brace depth outside quotes and comments. */
        static List<Block> split(String content) {
            List<Block> blocks = new ArrayList<>();
            StringBuilder current = new StringBuilder();
            int depth = 0;
            for (String line : content.split("(?<=\n)")) {
                current.append(line);
                depth += braceDelta(line);
                if (depth <= 0) {
                    blocks.add(new Block(current.toString()));
                    current.setLength(0);
                    depth = 0;
                }
            }
            if (current.length() > 0) {
                blocks.add(new Block(current.toString()));
            }
            return blocks;
        }

        private static int braceDelta(String line) {
            int delta = 0;
            boolean quoted = false;
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    quoted = !quoted;
                } else if (!quoted && c == '#' && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
                    break;
                } else if (!quoted && c == '{') {
                    delta++;
                } else if (!quoted && c == '}') {
                    delta--;
                }
            }
            return delta;
        }
    }
}
