#!/usr/bin/env bash
# Runs every fuzz target for SECONDS (default 600) with seed corpora from corpus/ and
# ../shared/pdfs. Needs `cargo install cargo-fuzz`; on a stable toolchain it sets
# RUSTC_BOOTSTRAP=1 for the sanitizer flags. A crash is saved under fuzz/artifacts/TARGET/;
# copy it to corpus/regressions/ with a test (see tests/regressions.rs).
#   fuzz/run.sh [SECONDS] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")"
secs=${1:-600}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(extract_pdf extract_html extract_docx extract_text analyze)
shared=${SHARED:-../../shared}
export RUSTC_BOOTSTRAP=1
mkdir -p corpus/{extract_pdf,extract_html,extract_docx,extract_text,analyze}
cp -n ../corpus/docs/*.pdf corpus/extract_pdf/ 2>/dev/null || true
[ -d "$shared/pdfs" ] && find "$shared/pdfs" -name '*.pdf' -size -300k -exec cp -n {} corpus/extract_pdf/ \; || true
cp -n ../corpus/docs/*.html corpus/extract_html/ 2>/dev/null || true
cp -n ../corpus/docs/*.docx corpus/extract_docx/ 2>/dev/null || true
cp -n ../corpus/docs/*.md ../corpus/docs/*.txt corpus/extract_text/ 2>/dev/null || true
cp -n ../corpus/docs/*.md ../corpus/docs/*.txt corpus/analyze/ 2>/dev/null || true
for t in "${targets[@]}"; do
  echo "== $t ($secs s)"
  cargo fuzz run "$t" "corpus/$t" -- -max_total_time="$secs" -rss_limit_mb=2048 -timeout=20 -print_final_stats=1 2>&1 \
    | grep -E "stat::number_of_executed_units|stat::average_exec_per_sec|Done|ERROR|SUMMARY|panicked" || true
done
