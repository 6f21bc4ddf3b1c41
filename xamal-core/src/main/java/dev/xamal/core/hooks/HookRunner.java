package dev.xamal.core.hooks;

import dev.xamal.core.UsageException;
import dev.xamal.core.local.LocalCommand;
import dev.xamal.core.local.OutputTail;
import dev.xamal.core.output.Output;
import dev.xamal.core.spi.CommandResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs hooks on this machine: {@code <hooks_path>/<hook>} when it exists and is executable, in
 * the project directory, with the inherited environment plus the {@code XAMAL_*} variables. Its
 * output is streamed line by line with the hook's name as prefix; a non-zero exit status stops
 * the command with the status and the output's tail.
 */
public final class HookRunner {
    static final int TAIL_LINES = 20;

    private final Path projectDirectory;
    private final Path hooksDirectory;
    private final boolean skip;
    private final Output output;

    /**
     * @param projectDirectory the working directory hooks run in
     * @param hooksDirectory   {@code hooks_path}, resolved against the project directory
     * @param skip             {@code -Dxamal.skipHooks}: run none
     * @param output           where hook output goes
     */
    public HookRunner(Path projectDirectory, Path hooksDirectory, boolean skip, Output output) {
        this.projectDirectory = projectDirectory;
        this.hooksDirectory = projectDirectory.resolve(hooksDirectory);
        this.skip = skip;
        this.output = output;
    }

    /** Whether {@link #run} would run the hook: its file exists and hooks are not skipped. */
    public boolean present(Hook hook) {
        return !skip && Files.isRegularFile(hooksDirectory.resolve(hook.fileName()));
    }

    /** Runs the hook if there is one; returns whether it ran. */
    public boolean run(Hook hook, HookVariables variables) {
        Path file = hooksDirectory.resolve(hook.fileName());
        if (!Files.isRegularFile(file)) {
            return false;
        }
        if (skip) {
            output.info("Skipping hook " + hook.fileName() + " (xamal.skipHooks)");
            return false;
        }
        if (!Files.isExecutable(file)) {
            output.warn("Hook " + file + " is not executable, so it does not run: chmod +x it to enable it");
            return false;
        }
        output.info("Running hook " + hook.fileName());
        OutputTail tail = new OutputTail(TAIL_LINES, (stream, line) -> output.sourceLine(hook.fileName(), line));
        CommandResult result = new LocalCommand(List.of(file.toAbsolutePath().toString()), projectDirectory,
                variables.toEnvironment()).mergingErrorOutput().run(tail);
        if (!result.succeeded()) {
            throw new UsageException("hook " + hook.fileName() + " (" + file + ") failed with exit status "
                    + result.exitStatus() + tail.ending());
        }
        return true;
    }
}
