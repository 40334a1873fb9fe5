#!/usr/bin/env bash
# A longer fuzz run of the loader, the importer, the sanitiser, queries and
# wrapping than CI does: the property tests of tests/hostile.rs with many
# more cases. Usage: scripts/fuzz.sh [CASES]   (default 100000)
set -euo pipefail
cd "$(dirname "$0")/.."
PROPTEST_CASES="${1:-100000}" cargo test --release --locked --test hostile -- --test-threads 2
