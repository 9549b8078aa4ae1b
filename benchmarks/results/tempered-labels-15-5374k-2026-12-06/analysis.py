"""The pre-registered analysis (PREREGISTRATION.md): the cells at T=4 here against the random (T=1) and bptt_labels cells
of confirm-impala-15-5374k-2026-12-06, paired by seed over 10-17, and the T=1 check of seed 10.

    python benchmarks/results/tempered-labels-15-5374k-2026-12-06/analysis.py
"""
import json
from pathlib import Path
import numpy as np
from dd_offline.bench_report import t_quantile

here = Path(__file__).parent
run = here.parent/'confirm-impala-15-5374k-2026-12-06'/'starpilot'/'cells'
load = lambda p: json.loads(Path(p).read_text())['recipes']['converged']
seeds = list(range(10, 18))
arms = {'random T=1': {s: load(run/f'random-expert-n15-s{s}.json') for s in seeds},
        'bptt_labels': {s: load(run/f'bptt_labels-learned-n15-s{s}.json') for s in seeds},
        'random T=4': {s: load(here/'cells'/f'random-expert-T4-n15-s{s}.json') for s in seeds if (here/'cells'/f'random-expert-T4-n15-s{s}.json').exists()}}
check = here/'cells'/'random-expert-T1-n15-s10.json'
if check.exists():
    a, b = load(check), arms['random T=1'][10]
    same = all(np.allclose(a[k], b[k], atol=1e-3) for k in b)
    print(f'pipeline check, T=1 seed 10 against the committed random cell: {"identical" if same else "DIFFERENT"}',
          {k: (round(float(np.mean(a[k])), 4), round(float(np.mean(b[k])), 4)) for k in b})
done = sorted(arms['random T=4'])
print(f'seeds at T=4: {done}')
METRICS = ('id_return', 'ood_return', 'expected_acc', 'class_expected_acc', 'ce', 'agreement')
print('means:'); [print(f'  {n:12s}', '  '.join(f'{m} {np.mean([np.mean(arm[s][m]) for s in done]):.3f}' for m in METRICS)) for n, arm in arms.items()]
def diff(a, b, m):
    d = np.array([np.mean(arms[a][s][m]) - np.mean(arms[b][s][m]) for s in done])
    return d.mean(), t_quantile(0.975, len(d) - 1) * d.std(ddof=1) / np.sqrt(len(d)), d.std(ddof=1)
for name, a, b in (('H1 (primary)', 'bptt_labels', 'random T=4'), ('H2', 'random T=4', 'random T=1'), ('reference', 'bptt_labels', 'random T=1')):
    for m in METRICS:
        mean, ci, sd = diff(a, b, m)
        verdict = '' if m not in ('id_return', 'ood_return') or name == 'reference' else ('  confirmed' if mean - ci > 0 else '  the other way' if mean + ci < 0 else '  not shown either way')
        print(f'{name:13s} {a} − {b} {m:18s} {mean:+.4f} ± {ci:.4f} (per-seed sd {sd:.3f}){verdict}')

# Added after the pre-registered analysis above had run (exploratory, not pre-registered): T = 0.5, the temperature the
# other validation criterion (expected accuracy) would have chosen, on the same seeds.
sharp = {s: load(here/'cells'/f'random-expert-T0.5-n15-s{s}.json') for s in seeds if (here/'cells'/f'random-expert-T0.5-n15-s{s}.json').exists()}
if sharp:
    arms['random T=0.5'] = sharp; done = sorted(sharp)
    print(f'\nexploratory, seeds at T=0.5: {done}')
    for name, a, b in (('exploratory', 'random T=0.5', 'random T=1'), ('exploratory', 'bptt_labels', 'random T=0.5')):
        for m in METRICS:
            mean, ci, sd = diff(a, b, m)
            print(f'{name:13s} {a} − {b} {m:18s} {mean:+.4f} ± {ci:.4f} (per-seed sd {sd:.3f})')
