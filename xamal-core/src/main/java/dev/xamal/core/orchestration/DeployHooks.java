package dev.xamal.core.orchestration;

import dev.xamal.core.config.Host;
import java.util.List;

/**
 * What a deploy calls out to at its hook points; the front end runs the user's hooks there
 * ({@link ProjectHooks}). A failure thrown from one stops the deploy.
 */
public interface DeployHooks {
    /** Calls nothing. */
    DeployHooks NONE = new DeployHooks() {
    };

    /** Before a boot group boots, with that group's hosts. */
    default void preAppBoot(List<Host> group) {
    }

    /** After every host of a boot group booted, with that group's hosts. */
    default void postAppBoot(List<Host> group) {
    }
}
