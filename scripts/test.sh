#!/usr/bin/env bash
# All tests: set up, lint, run the test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/setup-slurm.sh
cargo fmt --check
cargo clippy --locked --all-targets -- -D warnings
cargo test --locked
