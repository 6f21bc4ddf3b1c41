package dev.xamal.core.commands;

import java.util.List;

/** Reading an app's slots and history on a host. Pure. */
public final class SlotCommands {
    private SlotCommands() {
    }

    /**
     * Prints one line per slot link: {@code <slot name> TAB <link target> TAB <time the link was
     * made, epoch seconds>}; nothing when there are none.
     */
    public static String listSlots(AppLayout layout) {
        return "if [ -d " + Shell.quote(layout.slots()) + " ]; then cd " + Shell.quote(layout.slots())
                + " && for s in *; do if [ -h \"$s\" ]; then printf '%s\\t%s\\t%s\\n' \"$s\" \"$(readlink \"$s\")\""
                + " \"$(stat -c %Y \"$s\")\"; fi; done; fi";
    }

    /** Prints the history, or nothing before the first deploy. */
    public static String readHistory(AppLayout layout) {
        return FileCommands.readIfPresent(layout.history());
    }

    /**
     * Prints each of the modules that the jlink runtime of the slot's release lacks, one a line
     * (read from the runtime's {@code release} file, which lists its modules).
     */
    public static String missingModules(ReleaseSlot slot, List<String> modules) {
        String release = Shell.quote(slot.dir() + "/runtime/release");
        return "for m in " + String.join(" ", modules.stream().map(Shell::quoteIfNeeded).toList())
                + "; do grep -Eq \"^MODULES=.*[\\\" ]$m[\\\" ]\" " + release + " 2>/dev/null || echo \"$m\"; done";
    }
}
