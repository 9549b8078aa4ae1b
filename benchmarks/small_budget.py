"""BPTT or MTT with learned labels against the random subset with the expert's labels, at a small budget (the
distillation-methods issue), cheaper than the full `dd-offline bench-distill`.

Runs the benchmark's own cells (`bench_data`, `run_cell`, `paired_diff` of `dd_offline.bench`) for two (method, labels)
pairs, paired over seeds, and skips what the full benchmark adds for its tables: no recipe choice (students train with
300 Adam steps at batch 64, the recipe the issue measured), no references, no episodes played. MTT's expert trajectories
are trained first (timed on their own) and cached in the game's data directory. Held-out expected accuracy, agreement
and cross-entropy against the expert; paired difference with a t-based 95% CI. `--set NAME=VALUE` (repeatable) overrides
a setting of the method's config (`bptt_config` / `mtt_config`).

    OMP_NUM_THREADS=1 nice -n 5 python benchmarks/small_budget.py --method bptt --seeds 3 --set iterations=70 --set unroll=100 --set window=20
    OMP_NUM_THREADS=1 nice -n 10 python benchmarks/small_budget.py --method mtt --seeds 2 --students 2 --set iterations=60 --set syn_steps=10 \\
        --set expert_span=1 --set max_start=20 --set experts=2 --set expert_steps=220 --set save_every=10

(The results in benchmarks/results/{bptt,mtt}-small-budget-2026-12-02 were made by the two scripts this one replaced,
with the same arithmetic: the commands above.)
"""
import argparse, ast, time
from pathlib import Path
import numpy as np
import torch
from dd_offline.core import save_json, load_json
from dd_offline.expert import load_expert
from dd_offline.bench import get_bench_config, bench_data, run_cell, cell_path
from dd_offline.bench_report import paired_diff, mean_ci, seed_values
from dd_offline.bptt import bptt_config
from dd_offline.mtt import mtt_config, expert_trajectories

CONFIGS = {'bptt': bptt_config, 'mtt': mtt_config}


def setting(text: str) -> tuple:
    "NAME=VALUE, the value a Python literal (or a plain string)."
    name, _, value = text.partition('=')
    if not name or not value: raise argparse.ArgumentTypeError(f"expected NAME=VALUE, got {text!r}")
    try: return name, ast.literal_eval(value)
    except (ValueError, SyntaxError): return name, value


ap = argparse.ArgumentParser()
ap.add_argument('--method', choices=list(CONFIGS), required=True); ap.add_argument('--set', type=setting, action='append', default=[])
ap.add_argument('--game', default='starpilot'); ap.add_argument('--n-syn', type=int, default=15); ap.add_argument('--seeds', type=int, default=3)
ap.add_argument('--students', type=int, default=3); ap.add_argument('--steps', type=int, default=300); ap.add_argument('--batch', type=int, default=64)
ap.add_argument('--run-dir', default=None, help='default runs/<method>-small'); ap.add_argument('--out', default=None, help='folder for cells.json and summary.md (default: the run dir)')
a = ap.parse_args()
torch.set_num_threads(1)
M, overrides = a.method, dict(a.set)
try: method_cfg = CONFIGS[M](**overrides)              # an unknown setting is refused before any work
except ValueError as e: ap.error(str(e))
cfg = get_bench_config('quick', eval_episodes=0, n_students=a.students, method_overrides={M: overrides})
run_dir = Path(a.run_dir or f'runs/{M}-small'); run = run_dir/a.game
c0, t0 = time.process_time(), time.time()
data = bench_data(a.game, load_expert(a.game), cfg, run/'data')
print(f"data: {len(data.train)} train, {len(data.heldout)} held-out frames; {time.process_time() - c0:.0f} CPU-s", flush=True)
extra = {}
if M == 'mtt':
    c1 = time.process_time()
    traj = expert_trajectories(data.train.obs, data.train_probs, method_cfg, data.cache_dir)
    extra = dict(trajectory_shape=list(traj.shape), trajectory_cpu_seconds=round(time.process_time() - c1, 1))
    print(f"expert trajectories {tuple(traj.shape)}: {extra['trajectory_cpu_seconds']:.0f} CPU-s (≈0 when read from the cache)", flush=True)

cells = []
for seed in range(a.seeds):
    for method, labels in [('random', 'expert'), (M, 'learned')]:
        path = cell_path(run, method, labels, a.n_syn, seed)
        if path.exists(): cells.append(load_json(path)); continue
        c1 = time.process_time()
        rec, syn = run_cell(data, method, labels, seed, cfg, {'converged': (a.steps, a.batch)}, n_syn=a.n_syn)
        rec['cpu_seconds'] = round(time.process_time() - c1, 1)
        save_json(rec, path); cells.append(rec)
        r = rec['recipes']['converged']
        print(f"{method}/{labels}/s{seed}: set {rec['set_seconds']:.0f} s, cell {rec['cpu_seconds']:.0f} CPU-s; expected acc {np.mean(r['expected_acc']):.4f}, "
              f"ce {np.mean(r['ce']):.4f}" + (f"; {M} loss {rec['set_loss'][0]:.3f} -> {rec['set_loss'][1]:.3f}, inner lr {rec['inner_lr']:.4g}, "
                                             f"pixel change {rec['pixel_change']:.4f}" if method == M else ''), flush=True)

lines = [f"# {M.upper()} (learned labels) vs random {a.n_syn} with the expert's labels: {a.game}", '',
         f"{a.seeds} paired seeds; {M.upper()} {overrides}; students: {cfg.n_students} per set, {a.steps} Adam steps at batch {a.batch}, lr {cfg.lr}; "
         f"held-out: {len(data.heldout)} frames of {cfg.heldout_episodes} expert episodes. Mean ± 95% CI over seeds (t, {a.seeds - 1} df).", '',
         f'| metric | random, expert labels | {M}, learned labels | Δ ({M} − random), paired | per seed Δ |', '|---|---:|---:|---:|---|']
fmt = lambda mc: f"{mc[0]:.4f} ± {mc[1]:.4f}"
for metric in ('expected_acc', 'agreement', 'ce'):
    r, b = seed_values(cells, 'random', 'expert', 'converged', metric), seed_values(cells, M, 'learned', 'converged', metric)
    m, h, n = paired_diff(cells, M, 'learned', 'random', 'expert', 'converged', metric)
    lines.append(f"| {metric} | {fmt(mean_ci(list(r.values())))} | {fmt(mean_ci(list(b.values())))} | {m:+.4f} ± {h:.4f} (n={n}) | "
                 f"{', '.join(f'{b[s] - r[s]:+.4f}' for s in sorted(set(r) & set(b)))} |")
made = [c for c in cells if c['method'] == M]
lines += ['', f"{M.upper()} sets: loss (mean of the first and last 10 steps) " + ', '.join(f"{c['set_loss'][0]:.3f} → {c['set_loss'][1]:.3f}" for c in made) +
          f"; inner lr {method_cfg.inner_lr} → " + ', '.join(f"{c['inner_lr']:.4g}" for c in made) + "; mean pixel change " +
          ', '.join(f"{c['pixel_change']:.4f}" for c in made) + f"; {np.mean([c['set_seconds'] for c in made]):.0f} s per set (1 thread).",
          f"Cost of this invocation: {(time.process_time() - c0) / 60:.1f} CPU-min, {(time.time() - t0) / 60:.1f} min wall "
          f"(cells done earlier are read, not rerun; CPU-s per cell in cells.json)."]
text = '\n'.join(lines) + '\n'
print(text)
out = Path(a.out or run_dir); out.mkdir(parents=True, exist_ok=True)
(out/'summary.md').write_text(text)
save_json(dict(args=vars(a), **extra, cells=cells), out/'cells.json')
