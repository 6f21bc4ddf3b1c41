package dev.xamal.core.orchestration;

import dev.xamal.core.config.Host;
import java.util.List;

/**
 * What a deploy calls out to at its hook points; the front end runs the user's hooks there
 * ({@link GoalHooks}). A failure thrown from one stops the deploy.
 */
public interface DeployHooks {
    /** Calls nothing. */
    DeployHooks NONE = new DeployHooks() {
    };

    /**
     * Whether a hook runs between a deploy's delivery and its boots ({@link #preDeploy},
     * {@link #preAppBoot}, {@link #postAppBoot}): then the new slots' env files are written
     * before {@code pre-deploy} and every boot reads its host's active port again, as a hook may
     * have changed it. Without one, the boots take what the delivery read under the deploy lock.
     */
    default boolean runBeforeBoot() {
        return false;
    }

    /** After the release (and, when {@link #runBeforeBoot}, the new slots' env files) is on every host, before any boots. */
    default void preDeploy() {
    }

    /** Before a boot group boots, with that group's hosts. */
    default void preAppBoot(List<Host> group) {
    }

    /** After every host of a boot group booted, with that group's hosts. */
    default void postAppBoot(List<Host> group) {
    }

    /** On one host, before the first proxy reload of its switch. */
    default void preCaddyReload(Host host) {
    }

    /** On one host, after the last proxy reload of its switch. */
    default void postCaddyReload(Host host) {
    }
}
