#!/usr/bin/env bash
# Checks over ../shared (real-world documents, malformed PDFs): every supported file
# gets exactly one result valid against the schema, and the scan finishes with no crash.
# Run by .ci/run when ../shared exists; runnable by hand: scripts/shared-check.sh [SHARED_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
shared=${1:-../shared}
if [ ! -d "$shared" ]; then
  echo "shared-check: $shared not found, skipped"
  exit 0
fi
DPASCAN_SHARED=$(cd "$shared" && pwd) cargo test --test shared -- --ignored --nocapture --test-threads 1
