package dev.xamal.core.orchestration;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The table printed after a deploy: one row per host and role with the version now serving, its
 * port ({@code -} for a role without proxy), how long the boot took, and what it replaced.
 */
public final class DeploySummary {
    private static final List<String> HEADER = List.of("HOST", "ROLE", "VERSION", "PORT", "TIME", "REPLACED");

    private DeploySummary() {
    }

    /** The table's lines, header first, columns padded to their widest cell; empty without rows. */
    public static List<String> lines(List<Booted> booted) {
        if (booted.isEmpty()) {
            return List.of();
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(HEADER);
        for (Booted b : booted) {
            rows.add(List.of(b.host().id(), b.role(), b.version(),
                    b.port().isPresent() ? String.valueOf(b.port().getAsInt()) : "-",
                    String.format(Locale.ROOT, "%.1f s", b.took().toMillis() / 1000.0),
                    b.previousPort().isPresent() ? String.format(Locale.ROOT, "port %d, drained in %.1f s",
                            b.previousPort().getAsInt(), b.drain().toMillis() / 1000.0) : "-"));
        }
        int[] widths = new int[HEADER.size()];
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        List<String> lines = new ArrayList<>();
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder(" ");
            for (int i = 0; i < row.size(); i++) {
                line.append(' ').append(i == row.size() - 1 ? row.get(i) : pad(row.get(i), widths[i]));
                if (i < row.size() - 1) {
                    line.append(' ');
                }
            }
            lines.add(line.toString().stripTrailing());
        }
        return lines;
    }

    private static String pad(String cell, int width) {
        return cell + " ".repeat(width - cell.length());
    }
}
