#!/usr/bin/env bash
# 150-sample cells beside a pre-registered run's 15-sample ones, for the budget figure (exploratory; seeds named before any cell):
#   run.sh GAME RUN_DIR SEED...      e.g. run.sh starpilot runs/budgets-starpilot-impala 10 11 12
#   EXPERT=PATH run.sh ...           with the expert the pre-registered run used, where the campaign has shipped a newer one since
# RUN_DIR is a copy of the pre-registered run's directory (config, data, recipes, references and its 24 cells), so the
# pre-registered directory itself gains no cells; the 150-sample recipe is chosen by the first cell, on the validation split.
cd "$(dirname "$0")/../../.." && . .venv/bin/activate
export OMP_NUM_THREADS=1
G=$1; R=$2; shift 2
F="--game $G --n-syn 150 --student impala_small --students 5 --episodes 40 --run-dir $R${EXPERT:+ --expert $G=$EXPERT}"
for s in "$@"; do
  dd-offline bench $F --method random --labels expert --seeds $s-$s
  dd-offline bench $F --method bptt_labels --labels learned --seeds $s-$s
  echo "=== $G seed $s done $(date -u +%H:%M:%S)"
done
