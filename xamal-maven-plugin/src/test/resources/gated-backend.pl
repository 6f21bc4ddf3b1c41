# A test backend: answers every request with its name; a request to /slow waits until the gate file exists.
# Usage: perl gated-backend.pl <port> <name> <gate file>
use strict; use IO::Socket::INET;
my ($port, $name, $gate) = @ARGV;
my $server = IO::Socket::INET->new(LocalAddr => '127.0.0.1', LocalPort => $port, Listen => 64, ReuseAddr => 1)
    or die "cannot listen on $port: $!";
$SIG{CHLD} = 'IGNORE';
while (my $client = $server->accept) {
    if (fork) { close $client; next; }
    my $request = <$client> // '';
    while (my $line = <$client>) { last if $line =~ /^\r?\n$/; }
    if ($request =~ m{^\S+ /slow}) {
        select(undef, undef, undef, 0.02) until -e $gate;
    }
    my $body = "$name\n";
    print $client "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " . length($body) . "\r\nConnection: close\r\n\r\n$body";
    close $client; exit 0;
}
