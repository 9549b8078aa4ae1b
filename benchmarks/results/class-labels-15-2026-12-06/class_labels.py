# Do class-canonical expert labels (each effect class's mass on one member) teach a random-15 student better than the expert's own labels?
# Imitation metrics only (held-out, over actions and over effect classes); paired over seeds 10-17 as in confirm-impala-15-5374k.
import sys, json, numpy as np, torch
from dd_offline.data import load_dataset
from dd_offline.bench import split_source, student_metrics
from dd_offline.envs import effect_classes
from dd_offline.synthetic import start_indices
from dd_offline.models import prepare_frames, STUDENT_LR
from dd_offline.students import train_students
torch.set_num_threads(1)
game, n, steps = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
d = sys.argv[4] if len(sys.argv) > 4 else f'/work/main/runs/bench-5374k-impala/{game}/data/'
train, _ = split_source(load_dataset(d + 'source.npz'), 0.1)
held = load_dataset(d + 'heldout.npz')
tp, hp = np.load(d + 'train_probs.npy'), np.load(d + 'heldout_probs.npy')
classes = effect_classes(game)
rep = [max(c, key=lambda a: tp[:, a].sum()) for c in classes]      # each class's member the expert uses most on the training data
def canonical(p):
    out = np.zeros_like(p)
    for c, r in zip(classes, rep): out[:, r] = p[:, list(c)].sum(1)
    return out
print('classes', classes, 'reps', rep)
rows = []
for seed in range(10, 18):
    idx = start_indices('random', train.actions, n, seed)
    x = prepare_frames(train.obs[idx])
    res = {}
    for arm, lab in (('expert', tp[idx]), ('classes', canonical(tp[idx]))):
        st, _ = train_students(x, torch.as_tensor(lab, dtype=torch.float32), 5, steps, 64, STUDENT_LR['impala_small'], seed=seed, arch='impala_small', mode='loop')
        m = student_metrics(st, held.obs, hp, classes)
        res[arm] = {k: float(np.mean(v)) for k, v in m.items()}
    rows.append(res); print(seed, {a: {k: round(v, 4) for k, v in r.items()} for a, r in res.items()}, flush=True)
for k in rows[0]['expert']:
    dlt = np.array([r['classes'][k] - r['expert'][k] for r in rows])
    print(f"{k}: expert {np.mean([r['expert'][k] for r in rows]):.4f} classes {np.mean([r['classes'][k] for r in rows]):.4f} diff {dlt.mean():+.4f} ± {2.365*dlt.std(ddof=1)/np.sqrt(len(dlt)):.4f}")
