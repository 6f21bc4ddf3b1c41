package dev.xamal.core.secrets.vault;

import java.util.Map;

/**
 * One vault vendor's command-line tool: how to check that it is signed in, which arguments fetch
 * the requested secrets, and how to read what it prints. Secret values only ever arrive on the
 * tool's standard output; no value is put into an argument list.
 */
public interface VaultAdapter {
    /** The adapter's name, as {@code -Dxamal.adapter} takes it. */
    String name();

    /** The program the adapter runs (looked up on {@code PATH}). */
    String program();

    /** The command a user runs to sign in, for error messages. */
    String loginCommand(FetchRequest request);

    /**
     * Fetches the secrets.
     *
     * @return secret names (see each adapter) to values, in a stable order
     * @throws dev.xamal.core.UsageException when the request is incomplete, the tool is not
     *                                       signed in, or a secret does not exist
     */
    Map<String, String> fetch(FetchRequest request, VaultCli cli);
}
