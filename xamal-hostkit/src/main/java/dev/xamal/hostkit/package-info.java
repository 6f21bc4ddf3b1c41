/**
 * The HostKit backend: the release manifest HostKit's {@code otp_release} recipe reads (in
 * Erlang's external term format, with a JSON rendering beside it) and the HostKit plan, apply and
 * down tasks run as local processes.
 */
package dev.xamal.hostkit;
