"""The README's table and paired differences for one game, from the committed cells only:

    python benchmarks/results/budgets-impala-150-2026-12-06/summarise.py jumper

15-sample cells and references come from the game's pre-registered run, 150-sample cells from this folder; both on seeds 10-12."""
import glob, sys
from pathlib import Path
import numpy as np
from dd_offline.core import load_json
from dd_offline.bench_report import seed_values, mean_ci

HERE = Path(__file__).resolve().parent
PREREGISTERED = dict(starpilot='confirm-impala-15-5374k-2026-12-06', jumper='confirm-impala-15-jumper', bigfish='confirm-impala-15-bigfish')
SEEDS = (10, 11, 12)
SETS = [('random', 'expert', 15, 'random 15, expert labels'), ('bptt_labels', 'learned', 15, 'labels only (`bptt_labels`) 15, learned'),
        ('random', 'expert', 150, 'random 150, expert labels'), ('bptt_labels', 'learned', 150, 'labels only (`bptt_labels`) 150, learned')]
METRICS = ('id_return', 'ood_return', 'expected_acc', 'class_expected_acc')


def game_cells(game):
    pre = HERE.parent/PREREGISTERED[game]/game
    cells = [load_json(f) for d in (pre, HERE/game) for f in sorted(glob.glob(str(d/'cells/*.json')))]
    return [c for c in cells if c['seed'] in SEEDS], load_json(pre/'references.json')


def per_seed(cells, method, labels, n, metric):
    return seed_values([c for c in cells if c['n_syn'] == n], method, labels, 'converged', metric)


def table(game):
    cells, refs = game_cells(game)
    lines = ['| set | ID return | OOD return | expected accuracy | over moves |', '|---|---:|---:|---:|---:|']
    for m, l, n, name in SETS:
        vals = [per_seed(cells, m, l, n, k) for k in METRICS]
        if len(vals[0]) < len(SEEDS): name += f" (seeds {', '.join(map(str, sorted(vals[0])))})"
        lines.append(f"| {name} | " + ' | '.join(f"{np.mean(list(v.values())):.{2 if i < 2 else 3}f}" if v else '' for i, v in enumerate(vals)) + ' |')
    for ref in ('BC100 expert', 'uniform random'):
        r = refs[ref]
        lines.append(f"| {ref} | " + ' | '.join(f"{np.mean(r[k]):.{2 if i < 2 else 3}f}" if r.get(k) else '' for i, k in enumerate(METRICS)) + ' |')
    return '\n'.join(lines), cells, refs


def paired(cells, a, b, metric):
    x, y = per_seed(cells, *a, metric), per_seed(cells, *b, metric)
    d = [x[s] - y[s] for s in sorted(set(x) & set(y))]
    return mean_ci(d), d


if __name__ == '__main__':
    game = sys.argv[1]
    text, cells, refs = table(game)
    print(text, '\n')
    r15, bc = ('random', 'expert', 15), np.mean(refs['BC100 expert']['id_return'])
    base = np.mean(list(per_seed(cells, *r15, 'id_return').values()))
    for m, l, n, name in SETS[1:]:
        v = per_seed(cells, m, l, n, 'id_return')
        if v: print(f"{name}: {(np.mean(list(v.values())) - base) / (bc - base):.0%} of the ID-return gap from the random 15 ({base:.2f}) to BC100 ({bc:.2f})")
    for a, b, what in [(('random', 'expert', 150), r15, 'random 150 - random 15'),
                       (('bptt_labels', 'learned', 150), ('random', 'expert', 150), 'bptt_labels - random at 150'),
                       (('bptt_labels', 'learned', 15), ('random', 'expert', 150), 'bptt_labels 15 - random 150')]:
        for k in METRICS:
            (mean, hw), d = paired(cells, a, b, k)
            if d: print(f"{what}, {k}: {mean:+.3f} ± {hw:.3f} (per seed {', '.join(f'{x:+.3f}' for x in d)})")
