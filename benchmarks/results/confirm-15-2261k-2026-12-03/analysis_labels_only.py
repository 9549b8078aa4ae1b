"""The pre-registered ablation (PREREGISTRATION-labels-only.md): learned frames and labels (bptt) against learned labels
on the real random 15 (bptt_labels), and bptt_labels against the random 15 with the expert's labels; converged recipe,
mean and 95% t interval of per-seed paired differences over seeds 10-19.

    python benchmarks/results/confirm-15-2261k-2026-12-03/analysis_labels_only.py [RUN_DIR]     # default: this directory
"""
import json, sys
from pathlib import Path
from dd_offline.bench_report import paired_diff

run_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parent
cells = [json.loads(p.read_text()) for p in run_dir.glob('starpilot/cells/*-n15-s*.json')]
seeds = list(range(10, 20))
comparisons = [('bptt', 'learned', 'bptt_labels', 'learned', {'id_return': 'A1 (primary)', 'expected_acc': 'A2'}),
               ('bptt_labels', 'learned', 'random', 'expert', {'expected_acc': 'A3', 'id_return': 'A3'}),
               ('mtt', 'learned', 'bptt_labels', 'learned', {})]
for method, labels, base, base_labels, tested in comparisons:
    print(f'{method} ({labels}) - {base} ({base_labels}), mean ± 95% CI over seeds 10-19:')
    for metric in ('id_return', 'expected_acc', 'ce', 'agreement', 'ood_return'):
        mean, ci, n = paired_diff(cells, method, labels, base, base_labels, 'converged', metric, seeds=seeds)
        test = tested.get(metric)
        verdict = '' if not test else f'  {test}: ' + ('above 0' if mean - ci > 0 else 'below 0' if mean + ci < 0 else 'CI contains 0')
        print(f'  {metric:13s} {mean:+.4f} ± {ci:.4f}  (n={n}){verdict}')
