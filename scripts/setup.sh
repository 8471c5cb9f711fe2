#!/usr/bin/env bash
# Idempotent set-up of a fresh machine for building and testing lingcn.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v cargo >/dev/null || { echo "setup: cargo not found; install Rust (rustup) first" >&2; exit 1; }
