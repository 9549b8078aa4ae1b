"""How uneven would Av-PBC's weights be? The expert's value V(s) on the benchmark's training frames (issue 40, item 3a):
Av-PBC weights each real frame's imitation loss by the expert's value there, so if V hardly varies the weighted loss is
the plain one.

    python benchmarks/quality/value_weights.py [DATA_DIR] [GAME]     # default: runs/bench-5374k-impala/starpilot/data starpilot
"""
import sys
import numpy as np, torch
from dd_offline.data import load_dataset
from dd_offline.bench import split_source
from dd_offline.expert import load_expert

data_dir = sys.argv[1] if len(sys.argv) > 1 else 'runs/bench-5374k-impala/starpilot/data'
game = sys.argv[2] if len(sys.argv) > 2 else 'starpilot'
train, _ = split_source(load_dataset(f'{data_dir}/source.npz'), 0.1)
expert = load_expert(game).eval()
with torch.no_grad():
    v = torch.cat([expert(torch.as_tensor(train.obs[i:i + 512]))[1].float() for i in range(0, len(train), 512)]).numpy()
print(f'{game}: {len(v)} training frames; V min {v.min():.3f}, 5% {np.percentile(v, 5):.3f}, median {np.median(v):.3f}, '
      f'95% {np.percentile(v, 95):.3f}, max {v.max():.3f}; mean {v.mean():.3f}, sd {v.std():.3f}')
print(f'correlation of V with the return still to come in the episode: {np.corrcoef(v, train.returns_to_go)[0, 1]:.3f}')
w = np.clip(v, 0, None); w /= w.mean()
print(f'weights V/mean(V): largest {w.max():.2f}; the 10% of frames with the largest weights hold {np.sort(w)[-len(w) // 10:].sum() / w.sum():.3f} of the weight (uniform: 0.100)')
