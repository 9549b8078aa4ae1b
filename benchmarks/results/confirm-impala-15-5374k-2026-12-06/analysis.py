"""The pre-registered analysis (PREREGISTRATION.md): per-seed paired differences over seeds 10-17, converged recipe,
mean and 95% t interval; the spread the run had, the difference it could detect, and the share of the gap closed.

    python benchmarks/results/confirm-impala-15-5374k-2026-12-06/analysis.py [RUN_DIR [GAME]]     # default: this directory, starpilot

The same analysis serves later pre-registrations of the same design on another game (GAME).
"""
import json, sys
from pathlib import Path
import numpy as np
from dd_offline.bench_report import paired_diff, paired_sd, seed_values, detectable_difference

run_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parent
game = sys.argv[2] if len(sys.argv) > 2 else 'starpilot'
cells = [json.loads(p.read_text()) for p in run_dir.glob(f'{game}/cells/*-n15-s*.json')]
refs = json.loads((run_dir/game/'references.json').read_text())
planned = list(range(10, 18))
complete = [s for s in planned if all(s in seed_values(cells, m, l, 'converged', 'id_return')
                                      for m, l in (('random', 'expert'), ('bptt_labels', 'learned'), ('bptt', 'learned')))]
print(f'seeds with all three cells: {complete} ({len(complete)} of {len(planned)} planned)')
SETS = (('random', 'expert'), ('bptt_labels', 'learned'), ('bptt', 'learned'))
METRICS = ('id_return', 'ood_return', 'expected_acc', 'class_expected_acc', 'ce', 'agreement')

def line(name, vals): return f'  {name:22s} ' + '  '.join(f'{m} {np.mean(v):.3f}' for m, v in vals.items())
print('\nmeans over those seeds (converged recipe), then the references (5 students, 40 episodes each):')
for m, l in SETS:
    print(line(f'{m} {l}', {k: [seed_values(cells, m, l, 'converged', k)[s] for s in complete] for k in METRICS}))
for name in ('BC100 expert', 'BC100 hard', 'majority action', 'uniform random'):
    print(line(name, {k: refs[name][k] for k in METRICS if k in refs[name] and None not in refs[name][k]}))

tests = [('H1 (primary)', 'bptt_labels', 'learned', 'random', 'expert', 'id_return'), ('H2', 'bptt', 'learned', 'bptt_labels', 'learned', 'id_return'),
         ('H3', 'bptt_labels', 'learned', 'random', 'expert', 'ood_return'), ('H4', 'bptt', 'learned', 'bptt_labels', 'learned', 'ood_return')]
print('\npre-registered tests, paired difference ± 95% CI over the complete seeds:')
for name, m, l, b, bl, metric in tests:
    mean, ci, n = paired_diff(cells, m, l, b, bl, 'converged', metric, seeds=complete)
    sd = paired_sd(cells, m, l, b, bl, 'converged', metric, seeds=complete)
    verdict = 'confirmed' if mean - ci > 0 else 'the other way (upper end below 0)' if mean + ci < 0 else 'not shown either way'
    print(f'  {name:13s} {m} − {b} {metric:10s} {mean:+.3f} ± {ci:.3f} (n={n}; per-seed sd {sd:.3f}, detectable at 80% power {detectable_difference(sd, n):.3f}): {verdict}')
print('\nreported, not tested:')
for m, l, b, bl in (('bptt', 'learned', 'random', 'expert'), ('bptt_labels', 'learned', 'random', 'expert'), ('bptt', 'learned', 'bptt_labels', 'learned')):
    for metric in ('expected_acc', 'class_expected_acc', 'ce', 'agreement'):
        mean, ci, n = paired_diff(cells, m, l, b, bl, 'converged', metric, seeds=complete)
        print(f'  {m} − {b} {metric:18s} {mean:+.4f} ± {ci:.4f} (n={n})')
rnd = np.mean([seed_values(cells, 'random', 'expert', 'converged', 'id_return')[s] for s in complete])
bc = np.mean(refs['BC100 expert']['id_return'])
print(f'\nshare of the gap from the random 15 ({rnd:.2f}) to BC100 with the expert\'s labels ({bc:.2f}), ID return:')
for m, l in SETS[1:]:
    v = np.mean([seed_values(cells, m, l, 'converged', 'id_return')[s] for s in complete])
    print(f'  {m} {l}: {v:.2f}, {(v - rnd) / (bc - rnd):+.1%} of the gap')
pilot = {m: seed_values(cells, m, l, 'converged', 'id_return').get(0) for m, l in SETS}
print(f'\nseed 0 (the pipeline check, not pooled): ID return {pilot}')
