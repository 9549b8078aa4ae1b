"""The evolution-strategies pilot (README.md): per generation, the fitness of the antithetic pairs and how much a
perturbation moves it; then the final sets beside the pre-registered run's cells of the same seeds.

    python benchmarks/results/es-labels-pilot-5374k-2026-12-06/analysis.py     # writes analysis.txt and fitness.png
"""
import json
from pathlib import Path
import numpy as np, matplotlib
matplotlib.use('Agg')
import matplotlib.pyplot as plt
from dd_offline.bench_report import paired_diff, seed_values, mean_ci

here = Path(__file__).parent
logs = {int(p.stem.split('-s')[-1]): json.loads(p.read_text()) for p in sorted((here/'starpilot'/'es').glob('es-s*.json'))}
cells = [json.loads(p.read_text()) for p in (here/'starpilot'/'es').glob('es_labels-*.json')]
cells += [json.loads(p.read_text()) for p in (here.parent/'confirm-impala-15-5374k-2026-12-06'/'starpilot'/'cells').glob('*.json')]
out = []
def say(s=''): out.append(s); print(s)

for seed, l in logs.items():
    a = l['args']
    say(f"seed {seed}: {a['pairs']} pairs a generation, sigma {a['sigma']}, Adam lr {a['lr']}, {a['fitness_episodes']} ID episodes a fitness")
    say('  gen  mean fitness ± 95% CI   sd(up - down)  sd of pair means  |up - down|   s')
    for g in l['log']:
        f = np.array(g['pairs']); d = f[:, 0] - f[:, 1]
        m, ci = mean_ci(f.mean(1))
        say(f"  {g['generation']:3d}  {m:5.2f} ± {ci:4.2f}             {d.std(ddof=1):5.2f}          {f.mean(1).std(ddof=1):5.2f}           "
            f"{np.abs(d).mean():5.2f}   {g['seconds']:4.0f}")
    fit = np.array([np.mean(g['pairs']) for g in l['log']]); gens = np.arange(1, len(fit) + 1)
    slope, icpt = np.polyfit(gens, fit, 1)
    half = len(fit) // 2
    se = np.sqrt(np.sum((fit - (slope * gens + icpt))**2) / (len(fit) - 2) / np.sum((gens - gens.mean())**2))
    say(f"  trend: {slope:+.3f} ± {1.96 * se:.3f} return a generation (least squares, 95%); first half {fit[:half].mean():.2f}, second half {fit[half:].mean():.2f}")
    P = np.concatenate([np.array(g['pairs']) - np.mean(g['pairs']) for g in l['log']])   # centred per generation
    r = np.corrcoef(P[:, 0], P[:, 1])[0, 1]
    say(f"  up and down of a pair (same student seed, same levels), correlation over all pairs: {r:+.2f} "
        f"(1: common random numbers cancel the noise; 0: a perturbation reshuffles the outcome as much as a new seed)")
    say(f"  ES time: {sum(g['seconds'] for g in l['log']) / 60:.0f} min on one thread")

seeds = sorted(c['seed'] for c in cells if c['method'] == 'es_labels')
say(f'\nfinal sets, scored as cells (5 students x 40 episodes a level set), seeds {seeds}:')
for m, lab in (('random', 'expert'), ('bptt_labels', 'learned'), ('es_labels', 'learned')):
    say(f'  {m:12s} ' + '  '.join(f"{k} {np.mean([seed_values(cells, m, lab, 'converged', k)[s] for s in seeds]):.3f}"
                                   for k in ('id_return', 'ood_return', 'expected_acc', 'ce')))
for b, bl in (('random', 'expert'), ('bptt_labels', 'learned')):
    for k in ('id_return', 'ood_return', 'expected_acc'):
        d, ci, n = paired_diff(cells, 'es_labels', 'learned', b, bl, 'converged', k, seeds=seeds)
        say(f'  es_labels − {b:11s} {k:12s} {d:+.3f}' + (f' ± {ci:.3f}' if n > 1 else '') + f' (n={n})')
for c in cells:
    if c['method'] == 'es_labels': say(f"  seed {c['seed']}: labels moved {c['label_change']:.3f} (mean L1 from the expert's), {c['set_seconds'] / 60:.0f} min")
(here/'analysis.txt').write_text('\n'.join(out) + '\n')

fig, ax = plt.subplots(figsize=(5.5, 3.2))
for seed, l in logs.items():
    f = np.array([np.mean(g['pairs']) for g in l['log']]); ci = [mean_ci(np.array(g['pairs']).mean(1))[1] for g in l['log']]
    ax.errorbar(np.arange(1, len(f) + 1), f, yerr=ci, marker='o', ms=3, capsize=2, label=f'seed {seed}')
ref = np.mean([seed_values(cells, 'random', 'expert', 'converged', 'id_return')[s] for s in seeds]) if seeds else None
if ref is not None: ax.axhline(ref, ls='--', c='gray', lw=1, label='random 15, evaluation')
ax.set(xlabel='generation', ylabel='mean fitness (ID return)', title='ES on the label logits of a random 15 (starpilot)')
ax.legend(fontsize=8); fig.tight_layout(); fig.savefig(here/'fitness.png', dpi=100)
