"""The pre-registered OOD test (PREREGISTRATION.md): learned frames and labels (bptt, mtt) against learned labels on
the real random 15 (bptt_labels), and bptt_labels against the random 15 with the expert's labels; converged recipe,
mean and 95% t interval of per-seed paired differences over the completed seeds of 20-34.

    python benchmarks/results/ood-15-2261k/analysis.py [RUN_DIR]     # default: this directory
"""
import json, sys
from pathlib import Path
from dd_offline.bench_report import paired_diff

run_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parent
cells = [json.loads(p.read_text()) for p in run_dir.glob('starpilot/cells/*-n15-s*.json')]
needed = [('random', 'expert'), ('bptt', 'learned'), ('bptt_labels', 'learned'), ('mtt', 'learned')]
done = {(c['method'], c['labels'], c['seed']) for c in cells}
seeds = [s for s in range(20, 35) if all((m, l, s) in done for m, l in needed)]
print(f'completed seeds: {len(seeds)} of 15 ({seeds})')
comparisons = [('bptt', 'learned', 'bptt_labels', 'learned', {'ood_return': 'O1 (primary)'}),
               ('mtt', 'learned', 'bptt_labels', 'learned', {'ood_return': 'O2'}),
               ('bptt_labels', 'learned', 'random', 'expert', {'ood_return': 'O3'})]
for method, labels, base, base_labels, tested in comparisons:
    print(f'{method} ({labels}) - {base} ({base_labels}), mean ± 95% CI over the completed seeds:')
    for metric in ('ood_return', 'id_return', 'expected_acc', 'ce', 'agreement'):
        mean, ci, n = paired_diff(cells, method, labels, base, base_labels, 'converged', metric, seeds=seeds)
        test = tested.get(metric)
        verdict = ('' if not test else f'  {test}: too few seeds' if n < 2 else
                   f'  {test}: ' + ('above 0' if mean - ci > 0 else 'below 0' if mean + ci < 0 else 'CI contains 0'))
        print(f'  {metric:13s} {mean:+.4f} ± {ci:.4f}  (n={n}){verdict}')
