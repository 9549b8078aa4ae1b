#!/usr/bin/env bash
cd /work/main && . .venv/bin/activate
for n in 11 12 13 14 15 16 17 18 19 20; do
  OMP_NUM_THREADS=1 dd-offline bench-distill --game starpilot --method random --labels expert --n-syn 15 --seeds $n --run-dir runs/bench-2261k-confirm
  OMP_NUM_THREADS=1 dd-offline bench-distill --game starpilot --method bptt --method mtt --labels learned --n-syn 15 --seeds $n --run-dir runs/bench-2261k-confirm
  echo "=== seed $((n-1)) done $(date -u +%H:%M:%S)"
done
