/**
 * Real test hosts: containers with systemd as PID 1, sshd and Caddy, built by
 * {@code scripts/provision-test-hosts} and started with Testcontainers. Start with {@link dev.xamal.testhosts.TestHosts}.
 */
package dev.xamal.testhosts;
