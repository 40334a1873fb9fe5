#!/usr/bin/env bash
# A longer fuzz run of the loader, the importer (nested markup of any shape
# among it), the sanitiser, queries (of any size), window sizes and wrapping
# than CI does: the property tests of tests/hostile.rs with many
# more cases and a fresh seed (CI uses a fixed one, so its runs repeat).
# Usage: scripts/fuzz.sh [CASES] [SEED]   (default 100000 cases, random seed)
set -euo pipefail
cd "$(dirname "$0")/.."
seed="${2:-$(od -An -N8 -tu8 /dev/urandom | tr -d ' ')}"
echo "fuzz: PROPTEST_RNG_SEED=$seed (give it as the second argument to repeat this run)" >&2
PROPTEST_CASES="${1:-100000}" PROPTEST_RNG_SEED="$seed" cargo test --release --locked --test hostile -- --test-threads 2
