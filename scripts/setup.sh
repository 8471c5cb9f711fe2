#!/usr/bin/env bash
# Idempotent set-up of a fresh machine for building and testing lingcn.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v cargo >/dev/null || { echo "setup: cargo not found; install Rust (rustup) first" >&2; exit 1; }
# numpy: the .npy outputs are checked by loading them with numpy in tests.
python3 -c 'import numpy' 2>/dev/null || python3 -m pip install --quiet numpy
