package dev.xamal.caddy;

import dev.xamal.core.spi.CommandResult;

/**
 * Which step of a failed {@link CaddyCommands#changeSite} failed, and that step's own exit status
 * and output, read from the last line the change printed ({@link CaddyCommands#FAILED_STEP}).
 *
 * @param step   {@code write}, {@code load}, or {@code unknown} when the change
 *               ended without saying (killed, say)
 * @param result the step's exit status and output (the whole change's when the step is unknown)
 */
record SiteChangeFailure(String step, CommandResult result) {
    static SiteChangeFailure parse(CommandResult change) {
        String out = change.stdout().stripTrailing();
        int cut = out.lastIndexOf('\n');
        String last = out.substring(cut + 1);
        String[] words = last.split(" ");
        if (words.length == 3 && words[0].equals(CaddyCommands.FAILED_STEP) && words[2].matches("[0-9]{1,3}")) {
            String output = cut < 0 ? "" : out.substring(0, cut);
            return new SiteChangeFailure(words[1], new CommandResult(Integer.parseInt(words[2]), output, change.stderr()));
        }
        return new SiteChangeFailure("unknown", change);
    }
}
