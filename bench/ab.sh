#!/usr/bin/env bash
# Compares builds of examples/find_throughput.rs on a noisy machine: alternates single runs
# of each (each run the best of 3 warm iterations over the text ten times) for ROUNDS
# rounds, then prints per build the minimum, the first quartile and the median of
# find + analyze in ms and MB/s. Alternating spreads the machine's slow and fast minutes
# over all builds alike; compare the medians' ratio, not rates across separate runs.
#
#   bench/ab.sh de|en ROUNDS BIN...
#
# e.g. build the old version, copy target/release/examples/find_throughput to /tmp/old,
# build the new one, then: bench/ab.sh de 40 /tmp/old target/release/examples/find_throughput
set -euo pipefail
cd "$(dirname "$0")/.."
lang=$1 rounds=$2
shift 2
text=../shared/pdfs/generated/${lang}_lo_50p.txt
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
for ((i = 0; i < rounds; i++)); do
  for ((b = 1; b <= $#; b++)); do
    "${!b}" "$text" 10 3 | sed -n 's/.*find+analyze \([0-9.]*\) ms.*/\1/p' >>"$dir/$b"
  done
done
bytes=$("$1" "$text" 10 1 | sed -n 's/.*MB (\([0-9]*\) bytes).*/\1/p')
for ((b = 1; b <= $#; b++)); do
  sort -g "$dir/$b" | awk -v name="${!b}" -v bytes="$bytes" '
    { v[NR] = $1 }
    END {
      q = v[int((NR + 3) / 4)]; m = v[int((NR + 1) / 2)]
      printf "%-45s min %6.1f ms %6.1f MB/s   p25 %6.1f ms   median %6.1f ms %6.1f MB/s\n",
        name, v[1], bytes / v[1] / 1000, q, m, bytes / m / 1000
    }'
done
