#!/usr/bin/env bash
# The pre-registered cells (PREREGISTRATION.md), one process per call, the second waiting for the first to have made the
# run's data, recipe and references (so that they are made once):
#   run.sh 10 11 12 13 & WAIT=1 run.sh 14 15 16 17
cd "$(dirname "$0")/../../.." && . .venv/bin/activate
export OMP_NUM_THREADS=1
R=runs/bench-bigfish-impala
F="--game bigfish --n-syn 15 --student impala_small --students 5 --episodes 40 --run-dir $R"
if [ -n "${WAIT:-}" ]; then until [ -f $R/bigfish/references.json ]; do sleep 30; done; fi
for s in "$@"; do
  dd-offline bench $F --method random --labels expert --seeds $s-$s
  dd-offline bench $F --method bptt_labels --labels learned --seeds $s-$s
  dd-offline bench $F --method bptt --labels learned --seeds $s-$s
  echo "=== seed $s done $(date -u +%H:%M:%S)"
done
