#!/usr/bin/env bash
# All tests: set up (with the test prerequisites), lint, run the test suite.
# LINGCN_REQUIRE (set by .ci/run) names test groups that must run: a test of
# such a group fails, instead of skipping, when it cannot run.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test
cargo fmt --check
cargo clippy --locked --all-targets -- -D warnings
cargo test --locked
