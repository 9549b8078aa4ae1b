"""Step sizes of the matching methods, chosen on the validation split (never on held-out episodes).

For each method and lr: distil sets from the train split for a few seeds, train students with the converged recipe,
and score expected accuracy on the validation split, beside the random subset of the same seed (paired).

    python benchmarks/quality/calibrate_steps.py --game starpilot --method dc --lr 0.1 --lr 1 --lr 10 --seeds 2
"""
import argparse, time
import numpy as np
from dd_offline.expert import load_expert
from dd_offline.bench import get_bench_config, bench_data, student_metrics
from dd_offline.distill import make_set, set_config
from dd_offline.students import train_students

ap = argparse.ArgumentParser()
ap.add_argument('--game', default='starpilot'); ap.add_argument('--method', action='append'); ap.add_argument('--lr', action='append', type=float)
ap.add_argument('--labels', default='expert'); ap.add_argument('--seeds', type=int, default=2); ap.add_argument('--iterations', type=int, default=200)
ap.add_argument('--steps', type=int, default=300); ap.add_argument('--data-dir', default='runs/bench/starpilot/data')
a = ap.parse_args()
cfg = get_bench_config('quick')
d = bench_data(a.game, load_expert(a.game), cfg, a.data_dir)
def val_score(frames, labels, seed):
    students, _ = train_students(frames, labels, cfg.n_students, a.steps, cfg.recipe_batch, cfg.lr, seed=seed)
    return np.mean(student_metrics(students, d.val.obs, d.val_probs)['expected_acc'])
for method in a.method:
    for lr in a.lr:
        diffs, pix, secs = [], [], []
        for s in range(a.seeds):
            settings = dict(iterations=a.iterations, lr=lr)
            t0 = time.time()
            syn = make_set(d.train, method, cfg.n_syn, a.labels, s, d.expert, probs=d.train_probs, progress=False, **settings); secs.append(time.time() - t0)
            base = make_set(d.train, set_config(method, **settings).init, cfg.n_syn, a.labels, s, probs=d.train_probs)
            diffs.append(val_score(syn.frames, syn.labels, s) - val_score(base.frames, base.labels, s)); pix.append(syn.meta['pixel_change'])
        print(f"{a.game} {method} {a.labels} lr {lr:g}: validation expected accuracy minus its subset {np.mean(diffs):+.4f} "
              f"(per seed {np.round(diffs, 4).tolist()}), pixel change {np.mean(pix):.4f}, {np.mean(secs):.0f} s per set", flush=True)
