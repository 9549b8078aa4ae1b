# Seconds a Ra-BPTT set of 150 takes (issue 40, item 6): python benchmarks/speed/bptt_150.py THREADS ITERATIONS STUDENT
# on the starpilot data of runs/bench-5374k-impala (dd-offline bench --game starpilot --student impala_small ... makes it).
import sys, time, numpy as np, torch
from dd_offline.data import load_dataset
from dd_offline.bench import split_source
from dd_offline.bptt import bptt_config, bptt_set
threads, iters, student = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
d = '/work/main/runs/bench-5374k-impala/starpilot/data/'
train, _ = split_source(load_dataset(d + 'source.npz'), 0.1)
probs = np.load(d + 'train_probs.npy')
extra = {} if student == 'paper' else dict(student=student, inner_lr=1e-3)
cfg = bptt_config('bptt', n_syn=150, iterations=iters, threads=threads, **extra)
t = time.time()
syn = bptt_set(train, cfg, seed=0, real_probs=probs, progress=False)
dt = time.time() - t
print(f"threads={threads} student={student} iterations={iters}: {dt:.1f} s, {dt/iters:.2f} s/outer step -> {dt/iters*100/60:.1f} min for 100 steps at these draws of K; loss {np.mean(syn.losses[:3]):.3f} -> {np.mean(syn.losses[-3:]):.3f}")
