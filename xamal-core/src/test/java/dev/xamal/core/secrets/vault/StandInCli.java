package dev.xamal.core.secrets.vault;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a shell script standing in for a vendor CLI: it accepts only the exact argument lists it
 * was given (each answered with fixed standard output, standard error and exit status) and
 * rejects every other call with exit status 2 and a message. Every call's arguments are appended
 * to {@code calls.log} next to it.
 */
final class StandInCli {
    private static final char SEPARATOR = '\u001f';

    private final String program;
    private final Map<List<String>, Reply> replies = new LinkedHashMap<>();

    record Reply(String stdout, String stderr, int status) {
    }

    private StandInCli(String program) {
        this.program = program;
    }

    static StandInCli named(String program) {
        return new StandInCli(program);
    }

    StandInCli accepts(List<String> args, String stdout) {
        return answers(args, stdout, "", 0);
    }

    StandInCli answers(List<String> args, String stdout, String stderr, int status) {
        replies.put(List.copyOf(args), new Reply(stdout, stderr, status));
        return this;
    }

    /** Writes the script into {@code dir} and returns its path. */
    Path writeInto(Path dir) {
        StringBuilder script = new StringBuilder("#!/bin/sh\n")
                .append("call=$(printf '%s\\037' \"$@\")\n")
                .append("printf '%s\\n' \"$call\" >> ").append(quote(dir.resolve("calls.log").toString())).append('\n')
                .append("case \"$call\" in\n");
        replies.forEach((args, reply) -> {
            StringBuilder pattern = new StringBuilder();
            args.forEach(a -> pattern.append(a).append(SEPARATOR));
            script.append("  ").append(quote(pattern.toString())).append(")\n")
                    .append("    printf '%s' ").append(quote(reply.stdout())).append('\n')
                    .append("    printf '%s' ").append(quote(reply.stderr())).append(" >&2\n")
                    .append("    exit ").append(reply.status()).append(" ;;\n");
        });
        script.append("  *)\n    echo \"").append(program)
                .append(": unknown command or flag: $*\" >&2\n    exit 2 ;;\nesac\n");
        Path file = dir.resolve(program);
        try {
            Files.writeString(file, script.toString());
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** The argument lists the stand-ins in {@code dir} were called with, in order. */
    static List<List<String>> calls(Path dir) throws IOException {
        Path log = dir.resolve("calls.log");
        List<List<String>> calls = new ArrayList<>();
        if (!Files.exists(log)) {
            return calls;
        }
        for (String line : Files.readAllLines(log)) {
            String trimmed = line.endsWith(String.valueOf(SEPARATOR)) ? line.substring(0, line.length() - 1) : line;
            calls.add(trimmed.isEmpty() ? List.of() : Arrays.asList(trimmed.split(String.valueOf(SEPARATOR), -1)));
        }
        return calls;
    }

    private static String quote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }
}
