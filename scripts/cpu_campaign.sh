#!/usr/bin/env bash
# One piece of the CPU expert campaign, in the background at low priority, stopping by itself after MINUTES:
#
#   scripts/cpu_campaign.sh MINUTES [campaign options...]      e.g. scripts/cpu_campaign.sh 140
#
# It continues each game from experts/checkpoints (the paper's PPO settings, bf16 on CPUs that have it) and writes full
# checkpoints and curves to runs/campaign/<game>/, the portable checkpoints to runs/campaign/out/ and its log to
# runs/campaign/log.txt. Watch it with `dd-offline experts status` (or tail the log); afterwards
#   dd-offline experts publish         keeps the checkpoints and ships each expert that beats the shipped one (stage 2: card and 3 fresh seeds pooled)
# Size MINUTES so that it stops 20 minutes before the session ends (publishing, commit and CI need them).
# To give it other cores midway (say --cores 2 once a benchmark beside it ends): kill "$(cat runs/campaign/pid)" (its trainer ends
# within seconds; at most the update under way is lost) and start it again: it continues from runs/campaign/<game>/checkpoint.pt.
set -euo pipefail
cd "$(dirname "$0")/.."
minutes=${1:?usage: scripts/cpu_campaign.sh MINUTES [campaign options...]}; shift
[ -f .venv/bin/activate ] && . .venv/bin/activate
mkdir -p runs/campaign
export PYTHONUNBUFFERED=1 OMP_WAIT_POLICY=PASSIVE   # preempted at nice 19, OpenMP threads must sleep, not spin, while they wait for each other
nohup nice -n 19 dd-offline experts campaign --minutes "$minutes" "$@" >> runs/campaign/log.txt 2>&1 &
echo "$!" > runs/campaign/pid
echo "campaign piece started (pid $!, $minutes min, nice 19); log: runs/campaign/log.txt"
