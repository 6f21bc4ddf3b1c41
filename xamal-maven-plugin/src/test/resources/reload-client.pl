# A test client on the host itself: asks Caddy on 127.0.0.1:80 for / in a loop, each time on a new
# connection, until <dir>/stop exists (at most 120 s). Its first answer creates <dir>/running-<name>;
# each failure adds a line to <dir>/failures; at the end <dir>/done-<name> holds "<answers> <failures>".
# Usage: perl reload-client.pl <dir> <name>
use strict; use IO::Socket::INET;
my ($dir, $name) = @ARGV;
my ($answers, $failures, $deadline) = (0, 0, time + 120);
sub note { my ($file, $line) = @_; open(my $f, '>>', $file) or die "$file: $!"; print $f $line; close $f; }
while (!-e "$dir/stop" && time < $deadline) {
    my $socket = IO::Socket::INET->new(PeerAddr => '127.0.0.1', PeerPort => 80, Timeout => 10);
    my $response = '';
    my $error = $socket ? '' : "connect: $@";
    if ($socket) {
        print $socket "GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";
        while (1) {
            my $read = sysread($socket, my $chunk, 65536);
            if (!defined $read) { $error = "read: $!"; last; }
            last if $read == 0;
            $response .= $chunk;
        }
        close $socket;
    }
    if ($error eq '' && $response =~ m{\AHTTP/1\.1 200 .*\r\n\r\n(blue|green)\n\z}s) {
        $answers++;
        note("$dir/running-$name", '') if $answers == 1;
    } else {
        $failures++;
        my $first = (split /\r?\n/, $response)[0] // '';
        note("$dir/failures", "$name: " . ($error || "answer: '$first'") . "\n");
    }
}
note("$dir/done-$name", "$answers $failures\n");
