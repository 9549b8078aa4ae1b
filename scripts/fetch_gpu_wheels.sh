#!/usr/bin/env bash
# Fetch what the lent GPU machine lacks into .whl/ (git-ignored), for scripts/gpu_experts.sh.
#   scripts/fetch_gpu_wheels.sh [PYTHON_VERSION]     (default 3.12: the GPU machine's Python)
# The machine has torch, numpy, matplotlib, pandas, seaborn, imageio, filelock and cloudpickle, but no Procgen.
# A call may carry 64 MiB in all, so Procgen's 48 MB wheel travels unpacked as an xz tarball (40 MB).
set -euo pipefail
cd "$(dirname "$0")/.."
py=${1:-3.12}; tag=cp${py/./}
dl() { python3 -m pip download -q --no-deps --only-binary=:all: --python-version "$py" --implementation cp \
         --platform manylinux_2_28_x86_64 --platform manylinux_2_17_x86_64 --platform manylinux2014_x86_64 \
         --platform manylinux1_x86_64 -d .whl "$@"; }
rm -rf .whl && mkdir -p .whl
dl gym3==0.3.3 gym-notices==0.1.0 "cffi==1.17.1" pycparser==2.22 "glfw==1.12.0" fastprogress==1.0.3
python3 -m pip wheel -q --no-deps --no-build-isolation gym==0.26.2 -w .whl            # gym 0.26.2 ships only a source archive
dl procgen-mirror==0.10.7 -d /tmp/procgen-wheel
rm -rf /tmp/procgen-unpacked && mkdir -p /tmp/procgen-unpacked
python3 -m zipfile -e /tmp/procgen-wheel/procgen_mirror-0.10.7-${tag}-*.whl /tmp/procgen-unpacked
tar -C /tmp/procgen-unpacked -cJf .whl/procgen.tar.xz .
ls -la .whl; du -sh .whl
