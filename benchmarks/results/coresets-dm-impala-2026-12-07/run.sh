#!/usr/bin/env bash
# k-center and DM sets with the expert's labels, and MTT sets with learned labels, for impala_small students, beside the
# random and learned-label cells of the pre-registered 15-sample runs and the 150-sample budget run (exploratory; seeds
# 10-12 named before any cell):
#   run.sh SEED...                                   jumper and bigfish at 15 samples, e.g. run.sh 10 11 12
#   BUDGETS="15 150" GAMES="starpilot" run.sh SEED...   other budgets and games
# The run directories are the budget runs' (runs/budgets-GAME-impala: copies of the pre-registered run directories, with
# their data, recipes and references, and the 150-sample cells and recipe), so each cell is paired with the random cell of
# the same seed, data and students. Each game's data and sets come from the expert its pre-registered run used: jumper
# 2,114k (`git show 2f5afb9:dd_offline/experts/jumper-cpu.pt`), bigfish 9,650k (`git show d4d37f0:dd_offline/experts/bigfish-cpu.pt`),
# starpilot 5,374k (the shipped one on 2026-12-07).
cd "$(dirname "$0")/../../.." && . .venv/bin/activate
export OMP_NUM_THREADS=1
declare -A F=(
  [jumper]="--game jumper --student impala_small --students 5 --episodes 40 --run-dir runs/budgets-jumper-impala --expert jumper=runs/experts-old/jumper-2114k.pt"
  [bigfish]="--game bigfish --student impala_small --students 5 --episodes 40 --run-dir runs/budgets-bigfish-impala --expert bigfish=runs/experts-old/bigfish-9650k.pt"
  [starpilot]="--game starpilot --student impala_small --students 5 --episodes 40 --run-dir runs/budgets-starpilot-impala")
for n in ${BUDGETS:-15}; do
  for s in "$@"; do
    for g in ${GAMES:-jumper bigfish}; do
      for m in kcenter dm; do dd-offline bench ${F[$g]} --n-syn $n --method $m --labels expert --seeds $s-$s; done
      dd-offline bench ${F[$g]} --n-syn $n --method mtt --labels learned --seeds $s-$s
    done
    echo "=== n$n seed $s done $(date -u +%H:%M:%S)"
  done
done
