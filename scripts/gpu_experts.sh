#!/usr/bin/env bash
# One call on a lent GPU machine: continue the three experts from experts/checkpoints for MINUTES of wall time and
# write what should come back (a portable checkpoint per game, job.json, log.txt) to $OUT.
#
#   scripts/gpu_experts.sh [MINUTES] [DEVICE] [PRESET] [`dd-offline experts train-many` options...]     defaults: 7 cuda paper
#
# Environment: OUT (default runs/gpu-job), RUN_DIR (runs/gpu-job-run), RESTORE (experts/checkpoints),
# BENCH=1 (default) first measures benchmarks/speed/ppo_throughput.py, the trainer beside a plain PPO loop (about a minute).
#
# On the GPU machine (after scripts/fetch_gpu_wheels.sh here), through the device tool, with carry [".whl"]:
#   bash scripts/gpu_experts.sh 7     # with the device tool: run(command=..., carry=[".whl"], timeout_s=600)
# then here:  dd-offline experts publish --job <the files' folder>     (checkpoints, fp16 experts, model cards)
# Dry run on a CPU, in seconds:  OUT=/tmp/job RUN_DIR=/tmp/job-run bash scripts/gpu_experts.sh 0.3 cpu tiny
set -euo pipefail
cd "$(dirname "$0")/.."
minutes=${1:-7}; device=${2:-cuda}; preset=${3:-paper}; shift $(( $# < 3 ? $# : 3 ))
out=${OUT:-runs/gpu-job}; run_dir=${RUN_DIR:-runs/gpu-job-run}; restore=${RESTORE:-experts/checkpoints}
mkdir -p "$out"
export PYTHONPATH="$PWD${PYTHONPATH:+:$PYTHONPATH}" PYTHONUNBUFFERED=1
if ! python3 -c 'import procgen' 2>/dev/null; then
  [ -d .whl ] || { echo "procgen is missing and there is no .whl/ to install it from (run scripts/fetch_gpu_wheels.sh here and carry .whl)"; exit 1; }
  site=/tmp/dd-offline-site; mkdir -p "$site"
  python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --upgrade --target "$site" .whl/*.whl
  tar -xJf .whl/procgen.tar.xz -C "$site"
  export PYTHONPATH="$site:$PYTHONPATH"
fi
{
  echo "== $(date -u '+%F %T') UTC, $(nproc) cores, $(python3 -c 'import torch; print("torch", torch.__version__, "cuda" if torch.cuda.is_available() else "no cuda")')"
  command -v nvidia-smi >/dev/null && nvidia-smi --query-gpu=name,memory.total --format=csv,noheader || true
  if [ "${BENCH:-1}" = 1 ]; then timeout 150 python3 benchmarks/speed/ppo_throughput.py --device "$device" --game starpilot --updates 2 --variants plain bf16 || echo "(benchmark failed)"; fi
  python3 -c 'import sys; from dd_offline.cli import main; sys.exit(main())' experts train-many --minutes "$minutes" --device "$device" \
    --preset "$preset" --run-dir "$run_dir" --restore "$restore" --out "$out" "$@"
} 2>&1 | tee "$out/log.txt"
