"""Each game's table and the paired differences against the random subset of the same budget, from committed cells only:

    python benchmarks/results/coresets-dm-impala-2026-12-07/summarise.py jumper

Random and learned-label cells come from the game's pre-registered 15-sample run and from the 150-sample budget run,
k-center, DM and MTT cells from this folder; all on seeds 10-12, the same data, recipes and references."""
import glob, sys
from pathlib import Path
import numpy as np
from dd_offline.core import load_json
from dd_offline.bench_report import seed_values, mean_ci

HERE = Path(__file__).resolve().parent
PREREGISTERED = dict(starpilot='confirm-impala-15-5374k-2026-12-06', jumper='confirm-impala-15-jumper', bigfish='confirm-impala-15-bigfish')
BUDGETS = 'budgets-impala-150-2026-12-06'
SEEDS = (10, 11, 12)
SETS = [('random', 'expert', 'random, expert labels'), ('kcenter', 'expert', 'k-center, expert labels'),
        ('dm', 'expert', 'DM, expert labels'), ('mtt', 'learned', 'MTT, learned labels'),
        ('bptt_labels', 'learned', 'labels only (`bptt_labels`), learned')]
# (set, its labels, baseline, its labels): k-center and DM against the random subset with the same (expert's) labels; MTT
# against it and against the baseline with the same help, labels learned for the random subset (`bptt_labels`)
COMPARED = [('kcenter', 'expert', 'random', 'expert'), ('dm', 'expert', 'random', 'expert'),
            ('mtt', 'learned', 'random', 'expert'), ('mtt', 'learned', 'bptt_labels', 'learned')]
METRICS = ('id_return', 'ood_return', 'expected_acc', 'class_expected_acc')


def game_cells(game):
    dirs = [HERE.parent/PREREGISTERED[game]/game, HERE.parent/BUDGETS/game, HERE/game]
    cells = [load_json(f) for d in dirs for f in sorted(glob.glob(str(d/'cells/*.json')))]
    return [c for c in cells if c['seed'] in SEEDS], load_json(dirs[0]/'references.json')


def per_seed(cells, method, labels, n, metric):
    return seed_values([c for c in cells if c['n_syn'] == n], method, labels, 'converged', metric)


def fmt(values, i): return f"{np.mean(values):.{2 if i < 2 else 3}f}"


def table(game, cells, refs):
    lines = ['| set | samples | ID return | OOD return | expected accuracy | over moves |', '|---|---:|---:|---:|---:|---:|']
    for n in (15, 150):
        for m, l, name in SETS:
            vals = [per_seed(cells, m, l, n, k) for k in METRICS]
            if not vals[0]: continue
            if len(vals[0]) < len(SEEDS): name += f" (seeds {', '.join(map(str, sorted(vals[0])))})"
            lines.append(f"| {name} | {n} | " + ' | '.join(fmt(list(v.values()), i) if v else '' for i, v in enumerate(vals)) + ' |')
    for ref in ('BC100 expert', 'uniform random'):
        lines.append(f"| {ref} | | " + ' | '.join(fmt(refs[ref][k], i) if refs[ref].get(k) else '' for i, k in enumerate(METRICS)) + ' |')
    return '\n'.join(lines)


def differences(cells):
    "Each set minus its baseline of the same budget, paired by seed: (what, metric, mean, half-width, per-seed values)."
    out = []
    for n in (15, 150):
        for m, l, base, base_labels in COMPARED:
            for k in METRICS:
                x, y = per_seed(cells, m, l, n, k), per_seed(cells, base, base_labels, n, k)
                d = [x[s] - y[s] for s in sorted(set(x) & set(y))]
                if d: out.append((f'{m} - {base} at {n}', k, *mean_ci(d), d))
    return out


if __name__ == '__main__':
    if len(sys.argv) != 2 or sys.argv[1] not in PREREGISTERED: sys.exit(f"usage: summarise.py GAME, with GAME one of {', '.join(PREREGISTERED)}")
    game = sys.argv[1]
    cells, refs = game_cells(game)
    print(table(game, cells, refs), '\n')
    for what, k, mean, hw, d in differences(cells):
        print(f"{what}, {k}: {mean:+.3f} ± {hw:.3f} (per seed {', '.join(f'{x:+.3f}' for x in d)})")
