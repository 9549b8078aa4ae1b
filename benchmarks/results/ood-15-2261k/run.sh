#!/usr/bin/env bash
# The pre-registered OOD test (PREREGISTRATION.md): seeds 20-34 in order, stopping 150 minutes after the start.
set -u
cd "$(dirname "$0")/../../.." && . .venv/bin/activate
run_dir=${1:-runs/bench-2261k-confirm}
stop=$(( $(date +%s) + 150*60 ))
for s in $(seq 20 34); do
  [ "$(date +%s)" -lt "$stop" ] || { echo "=== clock rule: stopped before seed $s"; break; }
  OMP_NUM_THREADS=1 timeout $(( stop - $(date +%s) )) dd-offline bench-distill --game starpilot --method random --labels expert --n-syn 15 --seeds $s-$s --run-dir "$run_dir"
  OMP_NUM_THREADS=1 timeout $(( stop - $(date +%s) )) dd-offline bench-distill --game starpilot --method bptt --method bptt_labels --method mtt --labels learned --n-syn 15 --seeds $s-$s --run-dir "$run_dir"
  echo "=== seed $s done $(date -u +%H:%M:%S)"
done
