# A load client that runs on a test host: asks Caddy on 127.0.0.1:80 for <path> with the Host
# header <site>, each time on a new connection (as a real client reaches Caddy's socket), until
# <dir>/stop exists, <max> requests were sent or <seconds> passed, pausing <pause-ms> after each.
# Once <dir>/finish exists (it holds a count N), it sends N more requests and stops: their
# answers are the ones "after" (the deploy returned).
# Files in <dir>: running-<name> after its first answer; progress-<name>: the requests sent, every
# 50; failures: a line per request that got no 200; done-<name> at the end: "requests N", then one "seen <body>" or "after <body>" line per
# distinct body of a 200 answer (its last newline dropped).
# Usage: perl load-client.pl <dir> <name> <site> <path> <max> <seconds> <pause-ms>
use strict; use IO::Socket::INET; use IO::Select;
my ($dir, $name, $site, $path, $max, $seconds, $pause) = @ARGV;
my $deadline = time + $seconds;
my ($requests, $answers, $more) = (0, 0, -1);
my (%seen, %after);
sub note { my ($file, $line) = @_; open(my $f, '>>', $file) or die "$file: $!"; print $f $line; close $f; }
sub fetch {
    my $socket = IO::Socket::INET->new(PeerAddr => '127.0.0.1', PeerPort => 80, Timeout => 10)
        or return (undef, "connect: $@");
    print $socket "GET $path HTTP/1.0\r\nHost: $site\r\n\r\n";
    my ($response, $select) = ('', IO::Select->new($socket));
    while (1) {
        $select->can_read(10) or return (undef, "no answer within 10 s");
        my $read = sysread($socket, my $chunk, 65536);
        return (undef, "read: $!") if !defined $read;
        last if $read == 0;
        $response .= $chunk;
    }
    close $socket;
    return ($response, '');
}
while ($requests < $max && time < $deadline && $more != 0 && !-e "$dir/stop") {
    if ($more < 0 && -e "$dir/finish") {
        open(my $f, '<', "$dir/finish") or die "$dir/finish: $!";
        $more = int(<$f> // 0);
        close $f;
        next;
    }
    my $afterwards = $more > 0;
    $requests++;
    my ($response, $error) = fetch();
    if (defined $response && $response =~ m{\AHTTP/1\.[01] 200 [^\r\n]*\r\n.*?\r\n\r\n(.*)\z}s) {
        (my $body = $1) =~ s/\n\z//;
        ($afterwards ? \%after : \%seen)->{$body}++;
        note("$dir/running-$name", '') if ++$answers == 1;
    } else {
        my $first = defined $response ? (split /\r?\n/, $response)[0] // '' : '';
        note("$dir/failures", "$name: " . ($error || "answer: '$first'") . "\n");
    }
    $more-- if $afterwards;
    if ($requests % 50 == 0) { open(my $p, '>', "$dir/progress-$name") or die "$dir: $!"; print $p "$requests\n"; close $p; }
    select(undef, undef, undef, $pause / 1000) if $pause > 0;
}
note("$dir/done-$name", join('', "requests $requests\n", map("seen $_\n", sort keys %seen),
    map("after $_\n", sort keys %after)));
