"""Distillation beyond the notebook's fast tests.

- The compiled matching step (`distill(..., compile=True)`, what 'auto' picks for runs of 300+ iterations) gives the
  frames of the eager one: about a minute, compiling included (the learned-label variant is slow-marked).
- Does distillation help students? 150 frames distilled from a fixture whose action is visible in the (noisy) frame,
  against the random real subsets they started from, students trained the same way (100 steps, batch 15), held-out
  action accuracy averaged over seeds. Slow (about 5 minutes on 2 cores): `pytest --runslow tests/test_distill.py`."""
import numpy as np
import pytest
import torch

from dd_offline.core import DistillConfig
from dd_offline.distill import distill, compare_to_subsets
from dd_offline.synthetic import pattern_dataset

# layer-wise cosine distance, per-action matching, and a step large enough to move pixels (see 08_distill)
HELPFUL = DistillConfig(iterations=60, real_batch_size=240, distance='cosine', matching='per_action', lr=30)


def check_compiled_matches_eager(cfg):
    real = pattern_dataset(300, 0)
    eager = distill(real, cfg, seed=0, progress=False, verbose=False, compile=False)
    compiled = distill(real, cfg, seed=0, progress=False, verbose=False, compile=True)
    moved = (eager.frames - eager.init_frames).abs().max().item()
    assert moved > 1e-3, moved                      # the frames moved, so agreeing is not trivial
    torch.testing.assert_close(compiled.frames, eager.frames, atol=1e-3 * moved, rtol=0)   # float32 sums in another order, 8 steps
    torch.testing.assert_close(compiled.labels, eager.labels, atol=1e-3, rtol=0)
    np.testing.assert_allclose(compiled.losses, eager.losses, rtol=1e-4)


# distill warns "torch.compile failed" and goes on eager: make that an error, so eager is never compared with eager
NO_FALLBACK = pytest.mark.filterwarnings('error:torch.compile failed')


@pytest.mark.slow   # a minute of torch.compile; compilation is an option, eager is what the default suite tests
@NO_FALLBACK
def test_compiled_distillation_matches_eager():
    check_compiled_matches_eager(DistillConfig(n_syn=20, iterations=8, real_batch_size=64, lr=100))


@pytest.mark.slow
@NO_FALLBACK
def test_compiled_distillation_matches_eager_learned_labels_cosine():
    check_compiled_matches_eager(DistillConfig(n_syn=20, iterations=8, real_batch_size=64, lr=1, distance='cosine', labels='learned'))


@pytest.mark.slow
def test_distilled_frames_beat_random_real_subsets():
    real, test = pattern_dataset(3000, 0), pattern_dataset(600, 1)
    r = compare_to_subsets(real, test, HELPFUL, seeds=(0, 1, 2), n_students=3)
    print('distilled', np.round(r['distilled'], 3), 'random subsets', np.round(r['subset'], 3))
    assert np.mean(r['distilled']) > np.mean(r['subset']), r
