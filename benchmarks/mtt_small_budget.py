"""MTT with learned labels against the random subset with the expert's labels, at a small budget (item 3 of the distillation-methods issue).

Runs the benchmark's own cells (`bench_data`, `run_cell`, `paired_diff` of `dd_offline.bench`) for two (method, labels)
pairs, paired over seeds, and skips what the full benchmark adds for its tables, to fit a CPU budget: no recipe choice
(students train with the recipe the issue measured, 300 Adam steps at batch 64), no references, no episodes played.
The expert trajectories are trained first (timed on their own) and cached in the game's data directory, where every cell reads them.
Held-out expected accuracy and cross-entropy against the expert; paired difference with a t-based 95% CI.

    OMP_NUM_THREADS=1 nice -n 10 python benchmarks/mtt_small_budget.py --game starpilot --n-syn 15 --seeds 2
"""
import argparse, time
from pathlib import Path
import numpy as np
import torch
from dd_offline.core import save_json, load_json
from dd_offline.expert import load_expert
from dd_offline.bench import get_bench_config, bench_data, run_cell, cell_path, paired_diff, mean_ci, seed_values
from dd_offline.mtt import mtt_config, expert_trajectories

ap = argparse.ArgumentParser()
ap.add_argument('--game', default='starpilot'); ap.add_argument('--n-syn', type=int, default=15); ap.add_argument('--seeds', type=int, default=2)
ap.add_argument('--iterations', type=int, default=60); ap.add_argument('--syn-steps', type=int, default=10); ap.add_argument('--expert-span', type=int, default=1)
ap.add_argument('--max-start', type=int, default=20); ap.add_argument('--experts', type=int, default=2); ap.add_argument('--expert-steps', type=int, default=220)
ap.add_argument('--save-every', type=int, default=10); ap.add_argument('--students', type=int, default=2)
ap.add_argument('--steps', type=int, default=300); ap.add_argument('--batch', type=int, default=64)
ap.add_argument('--run-dir', default='runs/mtt-small'); ap.add_argument('--out', default=None, help='folder for cells.json and summary.md (default: the run dir)')
a = ap.parse_args()
torch.set_num_threads(1)

mtt = dict(iterations=a.iterations, syn_steps=a.syn_steps, expert_span=a.expert_span, max_start=a.max_start, experts=a.experts,
           expert_steps=a.expert_steps, save_every=a.save_every)
cfg = get_bench_config('quick', eval_episodes=0, n_students=a.students, method_overrides={'mtt': mtt})
run = Path(a.run_dir)/a.game
c0, t0 = time.process_time(), time.time()
data = bench_data(a.game, load_expert(a.game), cfg, run/'data')
print(f"data: {len(data.train)} train, {len(data.heldout)} held-out frames; {time.process_time() - c0:.0f} CPU-s", flush=True)
c1, w1 = time.process_time(), time.time()
traj = expert_trajectories(data.train.obs, data.train_probs, mtt_config(**mtt), data.cache_dir)
traj_cpu, traj_wall = time.process_time() - c1, time.time() - w1
print(f"expert trajectories {tuple(traj.shape)}: {traj_cpu:.0f} CPU-s, {traj_wall:.0f} s wall (≈0 when read from the cache)", flush=True)
pairs = [('random', 'expert'), ('mtt', 'learned')]
cells = []
for seed in range(a.seeds):
    for method, labels in pairs:
        path = cell_path(run, method, labels, a.n_syn, seed)
        if path.exists(): cells.append(load_json(path)); continue
        c1 = time.process_time()
        rec, syn = run_cell(data, method, labels, seed, cfg, {'converged': (a.steps, a.batch)}, n_syn=a.n_syn)
        rec['cpu_seconds'] = round(time.process_time() - c1, 1)
        save_json(rec, path); cells.append(rec)
        r = rec['recipes']['converged']
        print(f"{method}/{labels}/s{seed}: set {rec['set_seconds']:.0f} s, cell {rec['cpu_seconds']:.0f} CPU-s; expected acc {np.mean(r['expected_acc']):.4f}, "
              f"ce {np.mean(r['ce']):.4f}" + (f"; MTT loss {rec['set_loss'][0]:.3f} -> {rec['set_loss'][1]:.3f}, inner lr {rec['inner_lr']:.4g}, "
                                             f"pixel change {rec['pixel_change']:.4f}" if method == 'mtt' else ''), flush=True)

lines = [f"# MTT (learned labels) vs random {a.n_syn} with the expert's labels: {a.game}", '',
         f"{a.seeds} paired seeds; MTT {mtt}; students: {cfg.n_students} per set, {a.steps} Adam steps at batch {a.batch}, lr {cfg.lr}; "
         f"held-out: {len(data.heldout)} frames of {cfg.heldout_episodes} expert episodes. Mean ± 95% CI over seeds (t, {a.seeds - 1} df).", '',
         '| metric | random, expert labels | mtt, learned labels | Δ (mtt − random), paired | per seed Δ |', '|---|---:|---:|---:|---|']
for metric in ('expected_acc', 'agreement', 'ce'):
    r, b = seed_values(cells, 'random', 'expert', 'converged', metric), seed_values(cells, 'mtt', 'learned', 'converged', metric)
    m, h, n = paired_diff(cells, 'mtt', 'learned', 'random', 'expert', 'converged', metric)
    fmt = lambda mc: f"{mc[0]:.4f} ± {mc[1]:.4f}"
    lines.append(f"| {metric} | {fmt(mean_ci(list(r.values())))} | {fmt(mean_ci(list(b.values())))} | {m:+.4f} ± {h:.4f} (n={n}) | "
                 f"{', '.join(f'{b[s] - r[s]:+.4f}' for s in sorted(set(r) & set(b)))} |")
mt = [c for c in cells if c['method'] == 'mtt']
lines += ['', "MTT sets: loss (mean of the first and last 10 steps) " + ', '.join(f"{c['set_loss'][0]:.3f} → {c['set_loss'][1]:.3f}" for c in mt) +
          "; inner lr 0.005 → " + ', '.join(f"{c['inner_lr']:.4g}" for c in mt) + "; mean pixel change " + ', '.join(f"{c['pixel_change']:.4f}" for c in mt) +
          f"; {np.mean([c['set_seconds'] for c in mt]):.0f} s per set (1 thread, trajectories read from the cache).",
          f"Expert trajectories {tuple(traj.shape)} (experts, saved points, rows, parameters): {traj_cpu:.0f} CPU-s in this invocation (0 when read from the cache).",
          f"Cost of this invocation: {(time.process_time() - c0) / 60:.1f} CPU-min, {(time.time() - t0) / 60:.1f} min wall "
          f"(cells done earlier are read, not rerun; CPU-s per cell in cells.json)."]
text = '\n'.join(lines) + '\n'
print(text)
out = Path(a.out or a.run_dir); out.mkdir(parents=True, exist_ok=True)
(out/'summary.md').write_text(text)
save_json(dict(args=vars(a), trajectory_cpu_seconds=round(traj_cpu, 1), cells=cells), out/'cells.json')
