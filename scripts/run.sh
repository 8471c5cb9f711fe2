#!/usr/bin/env bash
# The main job: set up, build, run the default pipeline.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
cargo build --release --locked
exec target/release/lingcn run pipeline.toml "$@"
