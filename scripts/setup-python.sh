#!/usr/bin/env bash
# Idempotent: a cached Python venv with torch==2.13.0 (same version as the libtorch tch links),
# numpy and safetensors, for the STGCN parity test and the speed comparison. Prints the
# venv's python. Env: LINGCN_VENV_DIR overrides the default $HOME/.cache/lingcn/venv.
set -euo pipefail

TORCH_VERSION=2.13.0
VENV="${LINGCN_VENV_DIR:-$HOME/.cache/lingcn/venv}"
MARKER="$VENV/.complete-torch-$TORCH_VERSION"

if [[ -f "$MARKER" ]]; then
  echo "$VENV/bin/python"
  exit 0
fi

# Serialise concurrent first calls (e.g. a test run and a bench), then look again.
mkdir -p "$(dirname "$VENV")"
exec 9>"$VENV.lock"
flock 9
if [[ -f "$MARKER" ]]; then
  echo "$VENV/bin/python"
  exit 0
fi
if [[ -d "$VENV" && -n "$(ls -A "$VENV")" && ! -f "$VENV/pyvenv.cfg" ]]; then
  echo "setup-python: $VENV exists and is not a venv; refusing to replace it" >&2
  exit 1
fi

PY="${PYTHON:-python3}"
command -v "$PY" >/dev/null || { echo "setup-python: $PY not found" >&2; exit 1; }

rm -rf "$VENV"
"$PY" -m venv "$VENV" >&2
echo "setup-python: installing torch==$TORCH_VERSION numpy safetensors (~4.7 GB)" >&2
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check \
  "torch==$TORCH_VERSION" numpy safetensors >&2
"$VENV/bin/python" -c "import torch, numpy, safetensors" >&2
touch "$MARKER"
echo "$VENV/bin/python"
