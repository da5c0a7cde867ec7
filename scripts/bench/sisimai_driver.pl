#!/usr/bin/perl
# The peer in scripts/bench-vs-sisimai.sh: Debian's Sisimai (libsisimai-perl 4.25) reads each
# file and prints one JSON line per bounce record, as `headerlens-cli analyze --json` does.
use strict;
use warnings;
use Sisimai;
use JSON::PP;

my $json = JSON::PP->new->canonical(1)->utf8(1);
for my $file (@ARGV) {
    my $records = eval { Sisimai->make($file, 'delivered' => 1) } || [];
    for my $r (@$records) {
        print $json->encode({
            file => $file,
            recipient => ($r->recipient ? $r->recipient->address : ''),
            status => $r->deliverystatus // '',
            replycode => $r->replycode // '',
            reason => $r->reason // '',
        }), "\n";
    }
}
