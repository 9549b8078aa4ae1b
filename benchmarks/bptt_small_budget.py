"""BPTT with learned labels against the random subset with the expert's labels, at a small budget (issue 25).

Runs the benchmark's own cells (`bench_data`, `run_cell`, `paired_diff` of `dd_offline.bench`) for two (method, labels)
pairs, paired over seeds, and skips what the full benchmark adds for its tables, to fit a CPU budget: no recipe choice
(students train with the recipe the issue measured, 300 Adam steps at batch 64), no references, no episodes played.
Held-out expected accuracy and cross-entropy against the expert; paired difference with a t-based 95% CI.

    OMP_NUM_THREADS=1 nice -n 5 python benchmarks/bptt_small_budget.py --game starpilot --n-syn 15 --seeds 3 --iterations 80
"""
import argparse, json, time
from pathlib import Path
import numpy as np
import torch
from dd_offline.core import save_json, load_json
from dd_offline.expert import load_expert
from dd_offline.bench import get_bench_config, bench_data, run_cell, cell_path, paired_diff, mean_ci, seed_values

ap = argparse.ArgumentParser()
ap.add_argument('--game', default='starpilot'); ap.add_argument('--n-syn', type=int, default=15); ap.add_argument('--seeds', type=int, default=3)
ap.add_argument('--iterations', type=int, default=80); ap.add_argument('--unroll', type=int, default=100); ap.add_argument('--window', type=int, default=20)
ap.add_argument('--steps', type=int, default=300); ap.add_argument('--batch', type=int, default=64)
ap.add_argument('--run-dir', default='runs/bptt-small'); ap.add_argument('--out', default=None, help='folder for cells.json and summary.md (default: the run dir)')
a = ap.parse_args()
torch.set_num_threads(1)

bptt = dict(iterations=a.iterations, unroll=a.unroll, window=a.window)
cfg = get_bench_config('quick', eval_episodes=0, method_overrides={'bptt': bptt})
run = Path(a.run_dir)/a.game
c0, t0 = time.process_time(), time.time()
data = bench_data(a.game, load_expert(a.game), cfg, run/'data')
print(f"data: {len(data.train)} train, {len(data.heldout)} held-out frames; {time.process_time() - c0:.0f} CPU-s", flush=True)
pairs = [('random', 'expert'), ('bptt', 'learned')]
cells, cpu = [], {}
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
              f"ce {np.mean(r['ce']):.4f}" + (f"; outer loss {rec['set_loss'][0]:.3f} -> {rec['set_loss'][1]:.3f}, inner lr {rec['inner_lr']:.4g}, "
                                             f"pixel change {rec['pixel_change']:.4f}" if method == 'bptt' else ''), flush=True)

lines = [f"# BPTT (learned labels) vs random {a.n_syn} with the expert's labels: {a.game}", '',
         f"{a.seeds} paired seeds; BPTT {bptt}; students: {cfg.n_students} per set, {a.steps} Adam steps at batch {a.batch}, lr {cfg.lr}; "
         f"held-out: {len(data.heldout)} frames of {cfg.heldout_episodes} expert episodes. Mean ± 95% CI over seeds (t, {a.seeds - 1} df).", '',
         '| metric | random, expert labels | bptt, learned labels | Δ (bptt − random), paired | per seed Δ |', '|---|---:|---:|---:|---|']
for metric in ('expected_acc', 'agreement', 'ce'):
    r, b = seed_values(cells, 'random', 'expert', 'converged', metric), seed_values(cells, 'bptt', 'learned', 'converged', metric)
    m, h, n = paired_diff(cells, 'bptt', 'learned', 'random', 'expert', 'converged', metric)
    fmt = lambda mc: f"{mc[0]:.4f} ± {mc[1]:.4f}"
    lines.append(f"| {metric} | {fmt(mean_ci(list(r.values())))} | {fmt(mean_ci(list(b.values())))} | {m:+.4f} ± {h:.4f} (n={n}) | "
                 f"{', '.join(f'{b[s] - r[s]:+.4f}' for s in sorted(set(r) & set(b)))} |")
bp = [c for c in cells if c['method'] == 'bptt']
lines += ['', f"BPTT sets: outer loss (mean of the first and last 10 steps) " + ', '.join(f"{c['set_loss'][0]:.3f} → {c['set_loss'][1]:.3f}" for c in bp) +
          "; inner lr 0.005 → " + ', '.join(f"{c['inner_lr']:.4g}" for c in bp) + "; mean pixel change " + ', '.join(f"{c['pixel_change']:.4f}" for c in bp) +
          f"; "
          f"{np.mean([c['set_seconds'] for c in bp]):.0f} s per set (1 thread).",
          f"Cost of this invocation: {(time.process_time() - c0) / 60:.1f} CPU-min, {(time.time() - t0) / 60:.1f} min wall "
          f"(cells done earlier are read, not rerun; CPU-s per cell in cells.json)."]
text = '\n'.join(lines) + '\n'
print(text)
out = Path(a.out or a.run_dir); out.mkdir(parents=True, exist_ok=True)
(out/'summary.md').write_text(text)
save_json(dict(args=vars(a), cells=cells), out/'cells.json')
