package dev.xamal.core.commands;

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

    /** Exits 0 when the slot's release runtime has JShell. */
    public static String hasJShell(ReleaseSlot slot) {
        return Shell.join("test", "-x", slot.dir() + "/runtime/bin/jshell");
    }
}
