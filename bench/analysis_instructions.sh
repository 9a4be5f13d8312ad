#!/usr/bin/env bash
# Instructions per byte of find + analyze (warm), counted by callgrind: deterministic, so
# it compares two versions on a noisy machine where MB/s vary by ±10 % from run to run.
#
#   bench/analysis_instructions.sh [TEXT...]   (default: the 50-page generated contracts
#                                               in ../shared/pdfs/generated)
# Needs valgrind (apt-get install valgrind). Each text is joined with itself (2 copies) and
# measured over 2 warm runs (examples/find_throughput.rs, function timed_run).
set -euo pipefail
cd "$(dirname "$0")/.."
texts=("$@")
if [ ${#texts[@]} -eq 0 ]; then
  texts=(../shared/pdfs/generated/de_lo_50p.txt ../shared/pdfs/generated/en_lo_50p.txt)
fi
cargo build --release --quiet --example find_throughput
bin=target/release/examples/find_throughput
out=$(mktemp)
trap 'rm -f "$out"' EXIT
for t in "${texts[@]}"; do
  info=$(valgrind --tool=callgrind --callgrind-out-file="$out" --collect-atstart=no \
    --toggle-collect='find_throughput::timed_run' "$bin" "$t" 2 2 2>&1)
  bytes=$(sed -n 's/.*MB (\([0-9]*\) bytes).*/\1/p' <<<"$info")
  instr=$(sed -n 's/.*Collected : \([0-9]*\).*/\1/p' <<<"$info")
  awk -v t="$t" -v b="$bytes" -v i="$instr" \
    'BEGIN { printf "%-50s %9d bytes  %6.1f M instructions per run  %5.1f per byte\n", t, b, i / 2e6, i / 2 / b }'
done
