"""The reproduction and the distillation benchmark on a local Ray with two cores give the same results as in-process, seed for seed.
Skipped, with the reason, where Ray is not installed (`pip install -e ".[ray]"`; the dev extra has it)."""
import json
from pathlib import Path
import pytest
import torch

ray = pytest.importorskip('ray', reason='ray is not installed (pip install -e ".[ray]")')
from dd_offline.executors import RayExecutor, LocalExecutor
from dd_offline.reproduce import reproduce
from dd_offline.bench import bench_distill
from dd_offline.cli import main

TIMINGS = {'seconds', 'set_seconds'}


@pytest.fixture(scope='module')
def local_ray():
    torch.set_num_threads(1)            # Ray's workers run one torch thread each: the same arithmetic here
    ex = RayExecutor(num_cpus=2)
    yield ex
    ray.shutdown()


def without_timings(x):
    if isinstance(x, dict): return {k: without_timings(v) for k, v in x.items() if k not in TIMINGS}
    if isinstance(x, list): return [without_timings(v) for v in x]
    return x


def test_reproduce_on_ray_matches_in_process(tmp_path, local_ray, capsys):
    reproduce(['starpilot', 'jumper'], 'tiny', tmp_path/'local', log=lambda *a: None, executor=LocalExecutor())
    rc = main(['reproduce', '--game', 'starpilot', '--game', 'jumper', '--preset', 'tiny', '--run-dir', str(tmp_path/'ray'), '--executor', 'ray'])
    assert rc == 0, capsys.readouterr().err
    runs = {name: json.loads((tmp_path/name/'results.json').read_text()) for name in ('local', 'ray')}
    assert set(runs['ray']) == {'starpilot', 'jumper'}
    assert set(runs['ray']['starpilot']['id']) == {'Expert', 'BC10%', 'BC25%', 'BC40%', 'BC100%', 'Synthetic',
                                                   'Random 150 + expert labels', 'Synthetic (best)', 'Random'}
    assert runs['ray'] == runs['local']                                       # every episode's return, every row, both games


def test_bench_on_ray_matches_in_process(tmp_path, local_ray):
    cells = {}
    for name, ex in [('local', LocalExecutor()), ('ray', local_ray)]:
        bench_distill('starpilot', ['random', 'dm'], ['hard'], 2, tmp_path/name, 'tiny', log=lambda *a: None, progress=False, executor=ex)
        cells[name] = {p.name: without_timings(json.loads(p.read_text())) for p in sorted((tmp_path/name/'starpilot'/'cells').glob('*.json'))}
    assert len(cells['ray']) == 4 and cells['ray'] == cells['local']


def test_ray_task_error_is_the_task_error(local_ray):
    with pytest.raises(ValueError, match="unknown game 'pong'"):
        local_ray.map(reproduce, ['pong'])
