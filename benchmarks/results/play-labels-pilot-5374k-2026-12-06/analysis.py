"""The play_labels pilot (README.md): its cells beside the pre-registered run's cells of the same seeds (10-13).

    python benchmarks/results/play-labels-pilot-5374k-2026-12-06/analysis.py
"""
import json
from pathlib import Path
import numpy as np
from dd_offline.bench_report import paired_diff, seed_values

here = Path(__file__).parent
cells = [json.loads(p.read_text()) for p in (here/'starpilot'/'cells').glob('*.json')]
cells += [json.loads(p.read_text()) for p in (here.parent/'confirm-impala-15-5374k-2026-12-06'/'starpilot'/'cells').glob('*.json')]
seeds = [10, 11, 12, 13]
print('means over seeds 10-13 (converged recipe):')
for m, l in (('random', 'expert'), ('bptt_labels', 'learned'), ('play_labels', 'learned')):
    print(f'  {m:12s} ' + '  '.join(f"{k} {np.mean([seed_values(cells, m, l, 'converged', k)[s] for s in seeds]):.3f}"
                                     for k in ('id_return', 'ood_return', 'expected_acc', 'class_expected_acc', 'ce')))
print('\npaired differences, mean ± 95% CI over seeds 10-13 (exploratory):')
for b, bl in (('random', 'expert'), ('bptt_labels', 'learned')):
    for k in ('id_return', 'ood_return', 'expected_acc', 'class_expected_acc', 'ce'):
        d, ci, n = paired_diff(cells, 'play_labels', 'learned', b, bl, 'converged', k, seeds=seeds)
        print(f'  play_labels − {b:11s} {k:18s} {d:+.3f} ± {ci:.3f} (n={n})')
secs = [c['set_seconds'] for c in cells if c['method'] == 'play_labels']
print(f"\nset time: {np.mean(secs):.0f} s on one thread (range {min(secs):.0f}-{max(secs):.0f}); bptt_labels on the same seeds: "
      f"{np.mean([c['set_seconds'] for c in cells if c['method'] == 'bptt_labels' and c['seed'] in seeds]):.0f} s")
