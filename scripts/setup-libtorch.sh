#!/usr/bin/env bash
# Idempotent: cut a minimal libtorch folder (include/ + lib/) for tch 0.26 out of the PyPI
# wheels of torch==2.13.0 (tch's own download cannot reach its host here). Prints the folder.
# Env: LINGCN_LIBTORCH_DIR overrides the default $HOME/.cache/lingcn/libtorch-2.13.0.
set -euo pipefail

TORCH_VERSION=2.13.0
CUDART_VERSION=13.0.96
CUPTI_VERSION=13.0.85
DIR="${LINGCN_LIBTORCH_DIR:-$HOME/.cache/lingcn/libtorch-$TORCH_VERSION}"
MARKER="$DIR/.complete-$TORCH_VERSION"

if [[ -f "$MARKER" ]]; then
  echo "$DIR"
  exit 0
fi

# Serialise concurrent first calls (e.g. a test run and a bench), then look again.
mkdir -p "$(dirname "$DIR")"
exec 9>"$DIR.lock"
flock 9
if [[ -f "$MARKER" ]]; then
  echo "$DIR"
  exit 0
fi
if [[ -d "$DIR" && -n "$(ls -A "$DIR")" && ! -d "$DIR/include/torch" ]]; then
  echo "setup-libtorch: $DIR exists and is not a libtorch folder; refusing to replace it" >&2
  exit 1
fi

PY="${PYTHON:-python3}"
command -v "$PY" >/dev/null || { echo "setup-libtorch: $PY not found" >&2; exit 1; }

TMP="$(mktemp -d "${TMPDIR:-/tmp}/lingcn-libtorch.XXXXXX")"
trap 'rm -rf "$TMP"' EXIT

echo "setup-libtorch: downloading torch==$TORCH_VERSION wheels (~540 MB)" >&2
"$PY" -m pip download --quiet --no-deps --only-binary=:all: -d "$TMP/wheels" \
  "torch==$TORCH_VERSION" "nvidia-cuda-runtime==$CUDART_VERSION" \
  "nvidia-cuda-cupti==$CUPTI_VERSION" >&2

# Extract into a staging folder first so a crash never leaves a half-built $DIR behind.
STAGE="$TMP/stage"
mkdir -p "$STAGE/lib"
"$PY" - "$TMP/wheels" "$STAGE" <<'PYEOF'
import pathlib, shutil, sys, zipfile

wheels, stage = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
torch_libs = {"libtorch_cpu.so", "libc10.so", "libtorch.so", "libgomp.so.1"}
nvidia_libs = {"libcudart.so.13", "libcupti.so.13"}
found = set()
for whl in sorted(wheels.glob("*.whl")):
    with zipfile.ZipFile(whl) as z:
        for info in z.infolist():
            name = info.filename
            base = name.rsplit("/", 1)[-1]
            if name.startswith("torch/include/") and not name.endswith("/"):
                dest = stage / "include" / name[len("torch/include/"):]
            elif name.startswith("torch/lib/") and base in torch_libs:
                dest = stage / "lib" / base
            elif base in nvidia_libs:
                dest = stage / "lib" / base
            else:
                continue
            dest.parent.mkdir(parents=True, exist_ok=True)
            with z.open(info) as src, open(dest, "wb") as out:
                shutil.copyfileobj(src, out)
            if dest.parent.name == "lib":
                found.add(base)
missing = (torch_libs | nvidia_libs) - found
if missing:
    sys.exit(f"setup-libtorch: libraries missing from the wheels: {sorted(missing)}")
PYEOF

rm -rf "$DIR"
mv "$STAGE" "$DIR"
touch "$MARKER"
echo "$DIR"
