#!/usr/bin/env bash
# Idempotent: Debian's Slurm (slurmctld, slurmd, munge) for the Slurm
# executor's tests, which start a throw-away single-node cluster. Without
# root the tests say they are skipped and why.
set -euo pipefail
if command -v slurmctld >/dev/null && command -v slurmd >/dev/null && command -v munged >/dev/null; then
  exit 0
fi
if [[ "$(id -u)" != 0 ]]; then
  echo "setup-slurm: not root; Slurm tests will be skipped (install slurm-wlm and munge to run them)" >&2
  exit 0
fi
echo "setup-slurm: installing slurm-wlm and munge" >&2
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq slurm-wlm munge >/dev/null
