"""An evolution-strategies fine-tune of a small set's label logits, judged on play (issue 40, item 3b; exploratory).

BPTT learns labels that make students imitate the expert; at 15 samples lower cross-entropy does not mean better play
(`tempered-labels-15-5374k-2026-12-06`). This optimises play itself, as HaDES (Lupu et al. 2024) does: the set's
frames stay the random 15 of the seed (the benchmark's random cell), its label logits theta start at the log of the
expert's probabilities, and each generation estimates the gradient of

    fitness(theta) = ID return of one student trained on (frames, softmax(theta)) with the run's converged recipe

from antithetic pairs theta +- sigma * eps, both members of a pair with the same student seed and the same env seed
(common random numbers), then takes an Adam step up it. Fitness uses student and env seeds of 1,000,000 and above,
disjoint from the evaluation's (the cell seed), and ID levels only, so the evaluation's OOD return stays the honest
judge. At the end the set is scored as a benchmark cell (method `es_labels`, labels `learned`): the run's students,
recipe, seeds and episodes, so it pairs with the run's `random` and `bptt_labels` cells of the same seed.

    python benchmarks/quality/es_labels.py RUN_DIR GAME SEED [--generations 15] [--pairs 8] [--sigma 0.5] [--lr 0.1]
                                          [--fitness-episodes 20] [--threads 1]

A killed run continues from RUN_DIR/GAME/es/es-s{SEED}.pt (written atomically after every generation); the cell goes to
RUN_DIR/GAME/es/es_labels-learned-n15-s{SEED}.json (beside, not among, the run's cells: `dd-offline bench` knows no
`es_labels`), the per-generation log to RUN_DIR/GAME/es/es-s{SEED}.json.
"""
import argparse, time
from pathlib import Path
import numpy as np, torch
from dd_offline.core import load_json, save_json, save_torch
from dd_offline.bench import BenchConfig, bench_data, read_recipes, score_students, CELL_FORMAT
from dd_offline.distill import make_set
from dd_offline.evaluate import evaluate_policies
from dd_offline.expert import load_expert
from dd_offline.students import train_students

FITNESS_SEED0 = 1_000_000   # student and env seeds of the fitness episodes start here: disjoint from every cell seed


def fitness(frames, logits, recipe, cfg, game, fseed, episodes) -> float:
    "ID return of one student trained on (frames, softmax(logits)) with the recipe, over `episodes` episodes; seeds `fseed`."
    labels = torch.softmax(torch.as_tensor(logits, dtype=torch.float32), -1).numpy()
    students, _ = train_students(frames, labels, 1, recipe['steps'], recipe['batch'], cfg.lr, seed=fseed, arch=cfg.student, progress=False)
    return float(evaluate_policies(students, game, 'id', episodes, seed=fseed).per_policy_mean()[0])


def es_gradient(frames, theta, rng, recipe, cfg, game, gen, a) -> tuple[np.ndarray, list]:
    "The antithetic estimate of d fitness / d theta from `a.pairs` pairs, with common random numbers within a pair."
    grad, pairs = np.zeros_like(theta), []
    for i in range(a.pairs):
        eps = rng.standard_normal(theta.shape).astype(np.float32)
        fseed = FITNESS_SEED0 + a.seed * 10_000 + gen * a.pairs + i
        up, down = (fitness(frames, theta + s * a.sigma * eps, recipe, cfg, game, fseed, a.fitness_episodes) for s in (1, -1))
        grad += (up - down) * eps / (2 * a.pairs * a.sigma)
        pairs.append((up, down))
    return grad, pairs


def main():
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('run_dir'); p.add_argument('game'); p.add_argument('seed', type=int)
    p.add_argument('--generations', type=int, default=15); p.add_argument('--pairs', type=int, default=8)
    p.add_argument('--sigma', type=float, default=0.5); p.add_argument('--lr', type=float, default=0.1)
    p.add_argument('--fitness-episodes', type=int, default=20); p.add_argument('--threads', type=int, default=1)
    a = p.parse_args()
    for name in ('generations', 'pairs', 'fitness_episodes', 'threads'):
        if getattr(a, name) < 1: p.error(f"--{name.replace('_', '-')} must be >= 1, got {getattr(a, name)}")
    if not (a.sigma > 0 and a.lr > 0): p.error('--sigma and --lr must be positive')
    torch.set_num_threads(a.threads)
    run, game_dir = Path(a.run_dir), Path(a.run_dir)/a.game
    if not (run/'config.json').exists(): p.error(f'{run} is not a benchmark run directory (no config.json)')
    cfg = BenchConfig(**load_json(run/'config.json')['bench'])
    n = 15
    recipe = read_recipes(game_dir/'recipes.json', cfg.n_syn).get(n, {}).get('expert')
    if recipe is None: p.error(f'{game_dir}/recipes.json has no recipe for {n} samples with expert labels: run the benchmark first')
    data = bench_data(a.game, load_expert(a.game), cfg, game_dir/'data')
    start = make_set(data.train, 'random', n, 'expert', a.seed, probs=data.train_probs)     # the random cell's frames and labels
    frames, start_labels = start.frames, np.asarray(start.labels, dtype=np.float32)
    ckpt, log_path = game_dir/'es'/f'es-s{a.seed}.pt', game_dir/'es'/f'es-s{a.seed}.json'
    theta = torch.log(torch.as_tensor(start_labels).clamp_min(1e-6)).requires_grad_()
    opt, gen0, log, t0 = torch.optim.Adam([theta], lr=a.lr), 0, [], time.time()
    if ckpt.exists():
        st = torch.load(ckpt, weights_only=False)
        with torch.no_grad(): theta.copy_(st['theta'])
        opt.load_state_dict(st['opt']); gen0, log = st['generation'], st['log']
        print(f'continuing from generation {gen0}')
    for gen in range(gen0, a.generations):
        tg = time.time()
        rng = np.random.default_rng([a.seed, gen])
        grad, pairs = es_gradient(frames, theta.detach().numpy().copy(), rng, recipe, cfg, a.game, gen, a)
        opt.zero_grad(); theta.grad = -torch.as_tensor(grad); opt.step()     # ascent on fitness
        f = np.array(pairs)
        log.append(dict(generation=gen + 1, mean_fitness=float(f.mean()), mean_abs_pair_diff=float(np.abs(f[:, 0] - f[:, 1]).mean()),
                        grad_norm=float(np.linalg.norm(grad)), seconds=round(time.time() - tg, 1), pairs=f.round(3).tolist()))
        save_torch(dict(theta=theta.detach().clone(), opt=opt.state_dict(), generation=gen + 1, log=log), ckpt)
        save_json(dict(args=vars(a), log=log), log_path)
        print(f"gen {gen + 1}/{a.generations}: mean fitness {log[-1]['mean_fitness']:.2f}, |up-down| {log[-1]['mean_abs_pair_diff']:.2f}, "
              f"{log[-1]['seconds']:.0f} s", flush=True)
    labels = torch.softmax(theta.detach(), -1).numpy()
    es_seconds = time.time() - t0 + sum(g['seconds'] for g in log[:gen0])
    students, _ = train_students(frames, labels, cfg.n_students, recipe['steps'], recipe['batch'], cfg.lr, seed=a.seed, arch=cfg.student, progress=False)
    rec = dict(format=CELL_FORMAT, game=a.game, method='es_labels', labels='learned', n_syn=n, seed=a.seed, student=cfg.student,
               set_seconds=round(es_seconds, 1), source_index=np.asarray(start.source_index).tolist(), es=dict(args=vars(a), log=log),
               label_change=float(np.abs(labels - start_labels).sum(1).mean()),    # mean L1 distance from the expert's labels
               recipes=dict(converged=score_students(students, data, cfg, True, a.seed)))
    save_json(rec, game_dir/'es'/f'es_labels-learned-n{n}-s{a.seed}.json')
    c = rec['recipes']['converged']
    print(f"es_labels s{a.seed}: ID {np.mean(c['id_return']):.2f}, OOD {np.mean(c['ood_return']):.2f}, expected acc {np.mean(c['expected_acc']):.3f}, "
          f"label change (L1) {rec['label_change']:.3f}, {es_seconds / 60:.1f} min of ES")


if __name__ == '__main__':
    main()
