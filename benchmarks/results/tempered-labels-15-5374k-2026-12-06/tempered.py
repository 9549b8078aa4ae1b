"""The random 15 with the expert's labels at a temperature T: does one calibration parameter give what BPTT's learned
labels give? Uses the run directory of confirm-impala-15-5374k-2026-12-06 (its data, config and converged recipe), so a
cell here pairs with that run's random and bptt_labels cells of the same seed (same frames, students' seeds, levels).

    python tempered.py select [T ...]         # T on seeds 0-1: validation cross-entropy and expected accuracy per T
    python tempered.py play T SEED [SEED...]  # cells for those seeds at T (T=1 reproduces the run's random cell)
"""
import sys, json, time
from pathlib import Path
import numpy as np, torch
from dd_offline.core import load_json, save_json
from dd_offline.bench import get_bench_config, bench_data, student_metrics, score_students, read_recipes
from dd_offline.distill import make_set
from dd_offline.students import train_students
from dd_offline.expert import load_expert

RUN = Path('runs/bench-5374k-impala'); GAME = 'starpilot'; OUT = Path(__file__).parent/'cells'
cfg = get_bench_config('quick', **{k: tuple(v) if isinstance(v, list) else v for k, v in load_json(RUN/'config.json')['bench'].items()})
recipe = read_recipes(RUN/GAME/'recipes.json', cfg.n_syn)[15]['expert']
data = bench_data(GAME, load_expert(GAME), cfg, RUN/GAME/'data')

def tempered(p: torch.Tensor, T: float) -> torch.Tensor:
    "Probabilities p at temperature T: p^(1/T), renormalised (T<1 sharper, T>1 flatter)."
    q = p.clamp_min(1e-12) ** (1.0 / T)
    return q / q.sum(-1, keepdim=True)

def students_for(seed: int, T: float):
    syn = make_set(data.train, 'random', 15, 'expert', seed, data.expert, probs=data.train_probs, progress=False)
    st, _ = train_students(syn.frames, tempered(syn.labels, T), cfg.n_students, recipe['steps'], recipe['batch'], cfg.lr, seed=seed, arch=cfg.student)
    return st, syn

if sys.argv[1] == 'select':
    for T in map(float, sys.argv[2:]) if len(sys.argv) > 2 else (0.5, 0.75, 1.0, 1.5, 2.0, 3.0):
        vals = [student_metrics(students_for(s, T)[0], data.val.obs, data.val_probs) for s in (0, 1)]
        ce, ea = (np.mean([v[k] for v in vals]) for k in ('ce', 'expected_acc'))
        print(f'T={T}: validation cross-entropy {ce:.4f}, expected accuracy {ea:.4f}', flush=True)
else:
    T = float(sys.argv[2]); OUT.mkdir(exist_ok=True)
    for seed in map(int, sys.argv[3:]):
        t0 = time.time(); st, syn = students_for(seed, T)
        rec = dict(game=GAME, method='random', labels=f'expert T={T}', n_syn=15, seed=seed, student=cfg.student, temperature=T,
                   source_index=np.asarray(syn.source_index).tolist(), recipes={'converged': score_students(st, data, cfg, True, seed)})
        rec['seconds'] = round(time.time() - t0, 1)
        save_json(rec, OUT/f'random-expert-T{T:g}-n15-s{seed}.json')
        print(seed, T, {k: round(float(np.mean(v)), 4) for k, v in rec['recipes']['converged'].items()}, rec['seconds'], 's', flush=True)
