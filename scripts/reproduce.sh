#!/usr/bin/env bash
# CI's reproducibility check: run the default pipeline from scratch, check
# that a second run is a no-op, that the deterministic columns of the
# results equal the committed docs/results.csv, and that two reports of the
# same records are byte-identical.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
cargo build --release --locked
lingcn=target/release/lingcn
# The secret-key test hook exists in test builds only (worker/Cargo.toml).
for exe in target/release/lingcn target/release/lingcn-worker; do
  if grep -q LINGCN_TEST_SECRET_KEY_OUT "$exe"; then
    echo "error: $exe has the test-only secret-key hook" >&2
    exit 1
  fi
done
start=$(date +%s)
$lingcn run pipeline.toml
echo "default pipeline: $(( $(date +%s) - start )) s on $(nproc) cores"
second=$($lingcn run pipeline.toml 2>&1 | tail -1)
echo "second run: $second"
case "$second" in
  "0 ran, "*) ;;
  *) echo "error: the second run was not a no-op" >&2; exit 1 ;;
esac
$lingcn report pipeline.toml --out docs --check
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
$lingcn report pipeline.toml --out "$tmp/a"
$lingcn report pipeline.toml --out "$tmp/b"
diff -r "$tmp/a" "$tmp/b"
echo "two reports of the same records are byte-identical"
