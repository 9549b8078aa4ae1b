"""The pre-registered analysis (PREREGISTRATION.md): per-seed paired differences of the learned-label BPTT and MTT sets of 15
against the random 15 with the expert's labels, converged recipe, mean and 95% t interval over seeds 10-19.

    python benchmarks/results/confirm-15-2261k-2026-12-03/analysis.py [RUN_DIR]     # default: this directory
"""
import json, sys
from pathlib import Path
import numpy as np
from dd_offline.bench_report import paired_diff, seed_values

run_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parent
cells = [json.loads(p.read_text()) for p in run_dir.glob('starpilot/cells/*-n15-s*.json')]
seeds = list(range(10, 20))
tested = {('mtt', 'id_return'): 'H1 (primary)', ('mtt', 'expected_acc'): 'H2', ('bptt', 'expected_acc'): 'H3'}

print('means over seeds 10-19, converged recipe:')
for method, labels in (('random', 'expert'), ('mtt', 'learned'), ('bptt', 'learned')):
    vals = {m: seed_values(cells, method, labels, 'converged', m) for m in ('expected_acc', 'ce', 'id_return', 'ood_return')}
    print(f'  {method:6s} {labels:7s} ' + '  '.join(f'{m} {np.mean([v[s] for s in seeds if s in v]):.3f}' for m, v in vals.items()))
print('\npaired difference to the random 15 (expert labels), mean ± 95% CI over seeds 10-19:')
for method in ('mtt', 'bptt'):
    for metric in ('id_return', 'expected_acc', 'ce', 'agreement', 'ood_return'):
        mean, ci, n = paired_diff(cells, method, 'learned', 'random', 'expert', 'converged', metric, seeds=seeds)
        test = tested.get((method, metric))
        verdict = f'  {test}: ' + ('confirmed' if mean - ci > 0 else 'not confirmed') if test else ''
        print(f'  {method} learned  {metric:13s} {mean:+.4f} ± {ci:.4f}  (n={n}){verdict}')
