#!/usr/bin/perl
# Differential check of our Received parser against SpamAssassin's
# (Mail::SpamAssassin::Message::Metadata::Received, Debian package "spamassassin").
#
# Run locally by a developer, never at test time:
#   scripts/received-differential.pl [--cli build/app/headerlens-cli] [--show N] [--shapes N]
#                                    [--list FIELD] [PATH ...]
# PATH: .eml/.txt files or folders (searched for *.eml, *.txt, *.msg) and *.jsonl vector files
# (their "received" values). Default: ../shared/corpus (sisimai/eml, flufl.bounce/eml, received/)
# and tests/data.
#
# Every Received field found (top-level and embedded messages alike, folded lines joined) is read
# by SpamAssassin's parse_received_line and by headerlens-cli (one small message per field,
# relay hop 1). SpamAssassin gives helo, rdns, ip, by, id; we compare them with from_helo,
# from_host, from_ip, by_host, id. Fields SpamAssassin skips on purpose (local handovers,
# fetchmail, "with local" ...) or cannot parse are left out: it has no answer there.
# An empty SpamAssassin value means "none", so ours must be null too.
#
# Normalisation as ../shared/tools/score_received.py: host names compared ignoring case and a
# trailing dot, address literals as the bare address; SpamAssassin writes the brackets of a
# literal HELO as '!' ("!192.0.2.1!"), read back as "[192.0.2.1]".
#
# Differences we keep on purpose are listed in scripts/received-differential.tsv (field, a Perl
# regular expression on the field text, the reason): they are counted as "explained" and shown
# apart from the rest.
use strict;
use warnings;
use File::Find;
use File::Basename qw(dirname);
use File::Spec;
use File::Temp qw(tempdir);
use Getopt::Long;
use JSON::PP;
use Socket qw(inet_pton inet_ntop AF_INET AF_INET6);
use Mail::SpamAssassin;
use Mail::SpamAssassin::Message::Metadata;

my $root = File::Spec->rel2abs(dirname(__FILE__) . '/..');
my $cli = "$root/build/app/headerlens-cli";
my $show = 15;
my $shapes = 25;
my $list = '';
GetOptions('cli=s' => \$cli, 'show=i' => \$show, 'shapes=i' => \$shapes, 'list=s' => \$list)
  or die "usage: $0 [--cli PATH] [--show N] [--shapes N] [--list FIELD] [PATH ...]\n";
-x $cli or die "headerlens-cli not found: $cli (build it first)\n";

my @paths = @ARGV;
if (!@paths) {
  my $shared = "$root/../shared/corpus";
  push @paths, grep { -e } ("$shared/sisimai/eml", "$shared/flufl.bounce/eml", "$shared/received");
  push @paths, "$root/tests/data";
}

# ---- collect the fields
my %seen;
my @fields;    # [value, origin]
sub add_field {
  my ($value, $origin) = @_;
  return unless defined $value;
  $value =~ s/\r?\n[ \t]+/ /g;
  $value =~ s/[\r\n]+/ /g;
  $value =~ s/^\s+|\s+$//g;
  return if $value eq '' || $seen{$value}++;
  push @fields, [$value, $origin];
}

sub read_message {
  my ($file) = @_;
  open my $fh, '<:raw', $file or return;
  my ($current, $n) = (undef, 0);
  while (my $line = <$fh>) {
    $line =~ s/\r?\n\z//;
    if (defined $current && $line =~ /^[ \t]+\S/) {
      $current .= "\n" . $line;
      next;
    }
    add_field($current, $file) if defined $current;
    $current = undef;
    $current = $1 if $line =~ /^Received:[ \t]*(.*)$/i;
  }
  add_field($current, $file) if defined $current;
}

sub read_jsonl {
  my ($file) = @_;
  open my $fh, '<:encoding(UTF-8)', $file or return;
  while (my $line = <$fh>) {
    next unless $line =~ /\S/;
    my $o = eval { decode_json(Encode::encode_utf8($line)) } or next;
    add_field($o->{received}, $file) if defined $o->{received} && !ref $o->{received};
    for my $r (@{$o->{received_chain_top_down} || []}) { add_field($r, $file) }
  }
}

for my $path (@paths) {
  if (-d $path) {
    my @files;
    find({wanted => sub { push @files, $File::Find::name if -f && /\.(eml|txt|msg|jsonl)$/ }, no_chdir => 1},
         $path);
    for (sort @files) { /\.jsonl$/ ? read_jsonl($_) : read_message($_) }
  } elsif (-f $path) {
    $path =~ /\.jsonl$/ ? read_jsonl($path) : read_message($path);
  }
}
die "no Received fields found\n" unless @fields;

# ---- SpamAssassin's reading
my $sa = bless {allow_mailfetch_markers => 0}, 'Mail::SpamAssassin::Message::Metadata';
my @theirs;    # hashref, or undef when SpamAssassin skips the field / cannot parse it
my ($skipped, $unparseable) = (0, 0);
for my $f (@fields) {
  my $line = $f->[0];
  my $relay = eval { $sa->parse_received_line($line) };
  if (!defined $relay) { $unparseable++; push @theirs, undef; next }
  if (!$relay) { $skipped++; push @theirs, undef; next }
  push @theirs, $relay;
}

# ---- ours: one message per field, one CLI run
my $tmp = tempdir('hl-diff-XXXXXX', TMPDIR => 1, CLEANUP => 1);
my @names;
for my $i (0 .. $#fields) {
  next unless $theirs[$i];
  my $name = sprintf 'f%05d.eml', $i;
  open my $out, '>:raw', "$tmp/$name" or die "$tmp/$name: $!";
  print $out "Received: $fields[$i][0]\r\nFrom: a\@example.com\r\nSubject: t\r\n\r\n";
  close $out;
  push @names, $name;
}
my %ours;
while (my @batch = splice @names, 0, 500) {
  open my $pipe, '-|', $cli, 'analyze', '--json', map { "$tmp/$_" } @batch or die "$cli: $!";
  while (my $line = <$pipe>) {
    my $o = eval { decode_json($line) } or next;
    my ($base) = $o->{file} =~ m{([^/]+)$};
    my ($hop) = grep { $_->{hop} == 1 } @{$o->{relay} || []};
    $ours{$base} = $hop || {};
  }
  close $pipe;
}

# ---- compare
sub unbang { my $v = shift // ''; $v =~ s/^!(.*)!$/[$1]/; $v }

sub norm_ip {
  my $v = shift // '';
  $v =~ s/^\s+|\s+$//g;
  $v =~ s/^\[|\]$//g;
  $v =~ s/^ipv6://i;
  $v =~ s/%.*$//;
  return '' if $v eq '';
  if ($v =~ /:/ && (my $packed = inet_pton(AF_INET6, $v))) {
    my $text = inet_ntop(AF_INET6, $packed);
    $text = $1 if $text =~ /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i;
    return lc $text;
  }
  return inet_ntop(AF_INET, inet_pton(AF_INET, $v)) if inet_pton(AF_INET, $v);
  return lc $v;
}

sub norm_host {
  my $v = shift // '';
  $v =~ s/^\s+|\s+$//g;
  $v = lc $v;
  return norm_ip($v) if $v =~ /^\[.*\]$/ || inet_pton(AF_INET, $v) || ($v =~ /:/ && inet_pton(AF_INET6, $v));
  $v =~ s/\.+$//;
  return $v;
}

sub norm_id { my $v = shift // ''; $v =~ s/^\s+|[\s;,]+$//g; $v =~ s/^<(.*)>$/$1/; $v }

my @compare = (
  ['helo', 'from_helo', sub { norm_host(unbang(shift)) }],
  ['rdns', 'from_host', sub { norm_host(unbang(shift)) }],
  ['ip',   'from_ip',   \&norm_ip],
  ['by',   'by_host',   sub { norm_host(unbang(shift)) }],
  ['id',   'id',        \&norm_id],
);

my @explained;    # [field, regex, reason]
if (open my $fh, '<', "$root/scripts/received-differential.tsv") {
  while (<$fh>) {
    chomp;
    next if /^\s*(#|$)/;
    my ($field, $re, $reason) = split /\t/;
    push @explained, [$field, qr/$re/, $reason // ''];
  }
}

# The shape of the from part, for grouping: names -> H, addresses -> IP, the rest kept.
sub shape {
  my $v = shift;
  $v =~ s/;[^;]*$//;
  $v =~ s/\s+by\s.*$//is;
  $v =~ s/\[?IPv6:[0-9a-f:.]+\]?/IP6/gi;
  $v =~ s/\b[0-9a-f]*:[0-9a-f:]*:[0-9a-f.:]*/IP6/gi;
  $v =~ s/\d+\.\d+\.\d+\.\d+(?:[.:]\d+)?/IP/g;
  $v =~ s/\b[\w-]+(?:\.[\w-]+)+\.?/H/g;
  $v =~ s/=[^\s)]+/=X/g;
  $v =~ s/\b(?!(?:from|HELO|EHLO|LHLO|helo|ident|unknown|softdnserr|verified|account|via|with|may|be|forged|IP|IP6|H)\b)[\w.-]+/w/gi;
  return $v;
}

my (%agree, %total, %explained_n, %diffs, %by_reason);
for my $i (0 .. $#fields) {
  my $t = $theirs[$i] or next;
  my $o = $ours{sprintf 'f%05d.eml', $i} // {};
  my $line = $fields[$i][0];
  for my $c (@compare) {
    my ($sa_key, $our_key, $norm) = @$c;
    my $theirs = $norm->($t->{$sa_key});
    my $mine = $norm->($o->{$our_key});
    $total{$sa_key}++;
    if ($theirs eq $mine) { $agree{$sa_key}++; next }
    my ($why) = grep { $_->[0] eq $sa_key && $line =~ $_->[1] } @explained;
    if ($why) {
      $explained_n{$sa_key}++;
      $by_reason{"$sa_key: $why->[2]"}++;
      next;
    }
    push @{$diffs{$sa_key}{shape($line)}}, [$theirs, $mine, $line];
  }
}

my $n = grep { $_ } @theirs;
printf "# %d distinct Received fields; SpamAssassin reads %d, skips %d on purpose, cannot parse %d\n",
  scalar @fields, $n, $skipped, $unparseable;
for my $c (@compare) {
  my $k = $c->[0];
  my $unexplained = ($total{$k} // 0) - ($agree{$k} // 0) - ($explained_n{$k} // 0);
  printf "%-5s %-9s agree %4d/%4d = %5.1f %%  (differences: %d explained, %d not)\n", $k, $c->[1],
    $agree{$k} // 0, $total{$k} // 0, 100 * ($agree{$k} // 0) / ($total{$k} || 1), $explained_n{$k} // 0,
    $unexplained;
}
my ($all_agree, $all) = (0, 0);
$all_agree += $_ for values %agree;
$all += $_ for values %total;
printf "all   fields    agree %4d/%4d = %5.1f %%\n", $all_agree, $all, 100 * $all_agree / ($all || 1);
if (%by_reason) {
  print "\nexplained differences (scripts/received-differential.tsv):\n";
  printf "  %4d  %s\n", $by_reason{$_}, $_ for sort { $by_reason{$b} <=> $by_reason{$a} } keys %by_reason;
}
for my $c (@compare) {
  my $k = $c->[0];
  next unless $diffs{$k} && ($list eq '' || $list eq $k);
  my @groups = sort { @{$diffs{$k}{$b}} <=> @{$diffs{$k}{$a}} } keys %{$diffs{$k}};
  print "\n== $k: unexplained differences by the shape of the from part (SpamAssassin | ours)\n";
  my $count = 0;
  for my $g (@groups) {
    last if $count++ >= $shapes;
    my @rows = @{$diffs{$k}{$g}};
    printf "  %3d  %s\n", scalar @rows, $g;
    for my $r (@rows[0 .. ($#rows < $show - 1 ? $#rows : $show - 1)]) {
      my $l = $r->[2];
      $l = substr($l, 0, 220) . '...' if length $l > 223;
      printf "         %s | %s    %s\n", $r->[0] eq '' ? '-' : $r->[0], $r->[1] eq '' ? '-' : $r->[1], $l;
    }
  }
}
