"""Does distillation help students? 150 frames distilled from a fixture whose action is visible in the (noisy) frame,
against the random real subsets they started from, students trained the same way (100 steps, batch 15), held-out
action accuracy averaged over seeds. Slow (about 10 minutes on 2 cores): `pytest --runslow tests/test_distill.py`."""
import numpy as np
import pytest

from dd_offline.core import DistillConfig
from dd_offline.distill import pattern_dataset, compare_to_subsets

# layer-wise cosine distance, per-action matching, and a step large enough to move pixels (see 08_distill)
HELPFUL = DistillConfig(iterations=60, real_batch_size=240, distance='cosine', matching='per_action', lr=30)


@pytest.mark.slow
def test_distilled_frames_beat_random_real_subsets():
    real, test = pattern_dataset(3000, 0), pattern_dataset(600, 1)
    r = compare_to_subsets(real, test, HELPFUL, seeds=(0, 1, 2), n_students=3)
    print('distilled', np.round(r['distilled'], 3), 'random subsets', np.round(r['subset'], 3))
    assert np.mean(r['distilled']) > np.mean(r['subset']), r
