#!/usr/bin/env bash
# dpascan scan (extraction + full analysis + JSON) against pdftotext (extraction only,
# one process per file, in parallel), on the same PDFs with all cores for both.
# Prints pages per second for each and their ratio, peak memory, and 1 -> 2 job scaling.
#
#   bench/compare.sh [SHARED_DIR]        (default ../shared)
# Needs: cargo, pdftotext + pdfinfo (poppler-utils), hyperfine, GNU time (/usr/bin/time), python3.
set -euo pipefail
cd "$(dirname "$0")/.."
shared=$(cd "${1:-../shared}" && pwd)
jobs=$(nproc)
runs=${RUNS:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

for tool in pdftotext pdfinfo hyperfine /usr/bin/time python3; do
  command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install poppler-utils hyperfine time)"; exit 2; }
done
cargo build --release --quiet
bin=$PWD/target/release/dpascan

# The sets, as flat directories of PDFs only (so neither tool reads anything else).
mkdir -p "$work/generated" "$work/realworld" "$work/batch1000"
cp "$shared"/pdfs/generated/*.pdf "$work/generated/"
find "$shared/realworld" -name '*.pdf' -exec cp {} "$work/realworld/" \;
# 1,000 documents from corpus/: copies of the corpus PDFs and of the generated
# contracts, each a byte-level variant (a trailing comment makes every sha256 distinct).
mapfile -t seeds < <(ls corpus/docs/*.pdf "$shared"/pdfs/generated/{de,en}_lo_1p.pdf "$shared"/pdfs/generated/{de,en}_lo_10p.pdf)
for i in $(seq 0 999); do
  src=${seeds[$((i % ${#seeds[@]}))]}
  dst="$work/batch1000/doc$(printf %04d "$i").pdf"
  cp "$src" "$dst"
  printf '\n%% variant %d\n' "$i" >> "$dst"
done

pages_of() { # total pages pdfinfo can read in DIR
  local n=0 p
  for f in "$1"/*.pdf; do
    p=$(pdfinfo "$f" 2>/dev/null | awk '/^Pages:/ {print $2}')
    n=$((n + ${p:-0}))
  done
  echo "$n"
}

median() { python3 -c "import json,sys; r=json.load(open(sys.argv[1]))['results']; print(' '.join(str(x['median']) for x in r))" "$1"; }

printf '\nmachine: %s, %s cores, %s\n' "$(uname -m)" "$jobs" "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
printf 'dpascan %s, %s\n\n' "$($bin --version | cut -d' ' -f2)" "$(pdftotext -v 2>&1 | head -1)"
printf '| set | PDFs | pages | dpascan s | pdftotext s | dpascan pages/s | pdftotext pages/s | ratio |\n|---|---|---|---|---|---|---|---|\n'
for set in generated realworld batch1000; do
  dir="$work/$set"
  n=$(ls "$dir"/*.pdf | wc -l)
  pages=$(pages_of "$dir")
  hyperfine --style none --warmup 1 --runs "$runs" --ignore-failure --export-json "$work/$set.json" \
    "$bin scan $dir --jobs $jobs --progress never > /dev/null 2>&1" \
    "find $dir -name '*.pdf' -print0 | xargs -0 -P $jobs -n 1 sh -c 'pdftotext -q \"\$0\" /dev/null || true'" >/dev/null
  read -r t_d t_p < <(median "$work/$set.json")
  python3 -c "
import sys
pages, td, tp = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3])
print(f'| {sys.argv[4]} | {sys.argv[5]} | {pages} | {td:.3f} | {tp:.3f} | {pages/td:.0f} | {pages/tp:.0f} | {tp/td:.2f}x |')
" "$pages" "$t_d" "$t_p" "$set" "$n"
done

echo
echo "scaling on batch1000 (dpascan scan, median of $runs):"
hyperfine --style none --warmup 1 --runs "$runs" --export-json "$work/scaling.json" \
  "$bin scan $work/batch1000 --jobs 1 --progress never > /dev/null 2>&1" \
  "$bin scan $work/batch1000 --jobs 2 --progress never > /dev/null 2>&1" >/dev/null
read -r t1 t2 < <(median "$work/scaling.json")
python3 -c "import sys; a,b=float(sys.argv[1]),float(sys.argv[2]); print(f'  1 job {a:.3f}s, 2 jobs {b:.3f}s: {a/b:.2f}x')" "$t1" "$t2"

echo
echo "peak memory (GNU time, max RSS of the largest process: dpascan or one of its workers):"
/usr/bin/time -v "$bin" check "$shared/pdfs/generated/de_lo_50p.pdf" > /dev/null 2> "$work/t1" || true
echo "  check de_lo_50p.pdf: $(awk -F: '/Maximum resident/ {print $2}' "$work/t1" | xargs) KB"
/usr/bin/time -v "$bin" scan "$work/batch1000" --jobs "$jobs" --progress never > /dev/null 2> "$work/t2" || true
echo "  scan batch1000:      $(awk -F: '/Maximum resident/ {print $2}' "$work/t2" | xargs) KB"
