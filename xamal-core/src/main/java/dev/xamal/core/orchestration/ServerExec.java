package dev.xamal.core.orchestration;

import dev.xamal.core.config.Host;
import dev.xamal.core.output.Output;
import dev.xamal.core.spi.CommandResult;
import dev.xamal.core.spi.RemoteCommand;
import dev.xamal.core.spi.Transport;
import java.util.List;

/**
 * Runs one command on many hosts at once (at most {@code concurrency} at a time), printing every
 * output line with its host as prefix. Every host runs even when another fails; afterwards a
 * failure on any host fails the whole, naming each failed host with its exit status and output
 * tail.
 */
public final class ServerExec {
    private final Transport transport;
    private final Output output;
    private final int concurrency;

    public ServerExec(Transport transport, Output output, int concurrency) {
        this.transport = transport;
        this.output = output;
        this.concurrency = concurrency;
    }

    /** @return each host's result, in the order of {@code hosts} */
    public List<CommandResult> run(List<Host> hosts, RemoteCommand command) {
        output.info("Running " + command.line() + " on " + hosts.size() + (hosts.size() == 1 ? " host" : " hosts"));
        FanOutResult<Host, CommandResult> result = new FanOut(concurrency, FanOut.Mode.REPORT_ALL).run(hosts, host ->
                transport.open(host).run(command.withListener((stream, line) -> output.sourceLine(host.id(), line))));
        return result.values();
    }
}
