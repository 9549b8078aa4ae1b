"""On a local Ray with two cores: the executor returns results in the order of the items when tasks finish out of order,
runs tasks inside tasks, and raises a task's own error at once, cancelling the rest; the reproduction and the distillation
benchmark give the same results as in-process, seed for seed. One Ray for the module (it takes seconds to start), so the
executor's tests live here rather than in `00a_executors`, whose Ray cell is `slow`.
Skipped, with the reason, where Ray is not installed (`pip install -e ".[ray]"`; the dev extra has it)."""
import contextlib, json, os, sys, time
from pathlib import Path
import pytest

pytestmark = pytest.mark.xdist_group('ray')   # its module-scoped fixtures are built once, on one worker (pytest -n 2 --dist loadgroup)
import torch

ray = pytest.importorskip('ray', reason='ray is not installed (pip install -e ".[ray]")')
ray.cloudpickle.register_pickle_by_value(sys.modules[__name__])     # Ray's workers cannot import this test module
from dd_offline.executors import RayExecutor, LocalExecutor
from dd_offline.reproduce import reproduce
from dd_offline.bench import bench_distill, bench_data, get_bench_config
from dd_offline.expert import load_expert
from dd_offline.cli import main

TIMINGS = {'seconds', 'set_seconds'}


@contextlib.contextmanager
def torch_threads(n: int):
    "torch runs `n` threads inside the block, and as many as before after it."
    before = torch.get_num_threads()
    torch.set_num_threads(n)
    try: yield
    finally: torch.set_num_threads(before)


@pytest.fixture(autouse=True)
def torch_threads_unchanged():
    "The check: after each test here (and the Ray it uses) torch runs as many threads as before it."
    before = torch.get_num_threads()
    yield
    assert torch.get_num_threads() == before, f'this test left torch at {torch.get_num_threads()} threads, it had {before}'


@pytest.fixture(scope='session')
def local_ray():
    "One local Ray with two cores for the whole run (it takes seconds to start), however pytest-xdist interleaves the files."
    ex = RayExecutor(num_cpus=2)
    yield ex
    ray.shutdown()


def gated_square(x: int, gate: str) -> int:
    "x * x; item 0 first waits (at most 60 s) until the caller has received item 2's result, so it finishes last."
    t0 = time.time()
    while x == 0 and not (Path(gate)/'seen-2').exists():
        if time.time() - t0 > 60: raise TimeoutError("item 2's result never arrived")
        time.sleep(0.02)
    return x * x


def test_results_in_item_order_when_tasks_finish_out_of_order(tmp_path, local_ray):
    done = []
    def seen(x, r): done.append((x, r)); (tmp_path/f'seen-{x}').touch()
    assert local_ray.map(gated_square, [0, 1, 2], on_result=seen, gate=str(tmp_path)) == [0, 1, 4]
    assert sorted(done) == [(0, 0), (1, 1), (2, 4)] and done[-1] == (0, 0), done    # on_result as each finished: item 0 last


def square(x: int) -> int: return x * x


def niceness(_) -> int: return os.nice(0)


def test_tasks_run_at_the_callers_priority(local_ray):
    "Ray's default starts workers at niceness 15, which starves them behind any other work (a 3 s cell took 111 s)."
    assert local_ray.map(niceness, [0, 1]) == [os.nice(0)] * 2


def sum_of_squares(x: int, ex) -> int:
    "1 + 4 + ... + x * x, each square a task of its own, started from this task."
    return sum(ex.map(square, range(1, x + 1)))


def test_tasks_start_tasks(local_ray):
    assert local_ray.map(sum_of_squares, [2, 3], ex=local_ray) == [5, 14]


def process_alive(pid: int) -> bool:
    try: os.kill(pid, 0)
    except ProcessLookupError: return False
    return True


def hang_or_fail(x: str, gate: str):
    "'fail' raises at once; 'hang' waits (at most 60 s) for the gate, then marks that it ran to the end."
    if x == 'fail': raise ValueError('bad item fail')
    (Path(gate)/'hang-pid').write_text(str(os.getpid()))
    t0 = time.time()
    while not (Path(gate)/'open').exists() and time.time() - t0 < 60: time.sleep(0.02)
    (Path(gate)/'hang-finished').touch()


def test_task_error_raised_at_once_and_the_rest_cancelled(tmp_path, local_ray):
    with pytest.raises(ValueError, match='bad item fail'):       # not after 'hang' has waited out its 60 s
        local_ray.map(hang_or_fail, ['hang', 'fail'], gate=str(tmp_path))
    pid_file, t0 = tmp_path/'hang-pid', time.time()
    while pid_file.exists() and process_alive(int(pid_file.read_text())) and time.time() - t0 < 20: time.sleep(0.1)   # Ray ends the worker soon after, not always before, map raises
    (tmp_path/'open').touch()
    time.sleep(2)                                                 # a 'hang' still running sees the gate within 0.02 s
    assert not (tmp_path/'hang-finished').exists(), "the hanging task was not cancelled"
    assert local_ray.map(gated_square, [1, 2], gate=str(tmp_path)) == [1, 4]      # both cores free again


def without_timings(x):
    if isinstance(x, dict): return {k: without_timings(v) for k, v in x.items() if k not in TIMINGS}
    if isinstance(x, list): return [without_timings(v) for v in x]
    return x


@pytest.mark.slow   # 2.5 min: the whole tiny pipeline twice; the executor's own behaviour is tested above in seconds
def test_reproduce_on_ray_matches_in_process(tmp_path, local_ray, capsys):
    with torch_threads(1):              # Ray's workers run one torch thread each: the same arithmetic here
        reproduce(['starpilot', 'jumper'], 'tiny', tmp_path/'local', log=lambda *a: None, executor=LocalExecutor())
    rc = main(['reproduce', '--game', 'starpilot', '--game', 'jumper', '--preset', 'tiny', '--run-dir', str(tmp_path/'ray'), '--executor', 'ray'])
    assert rc == 0, capsys.readouterr().err
    runs = {name: json.loads((tmp_path/name/'results.json').read_text()) for name in ('local', 'ray')}
    assert set(runs['ray']) == {'starpilot', 'jumper'}
    assert set(runs['ray']['starpilot']['id']) == {'Expert', 'BC10%', 'BC25%', 'BC40%', 'BC100%', 'Synthetic',
                                                   'Random 8 + expert labels', 'Random 4 + expert labels', 'MTT 4 + learned labels', 'Random'}
    assert runs['ray'] == runs['local']                                       # every episode's return, every row, both games


def test_bench_on_ray_matches_in_process(tmp_path, local_ray):
    cells = {}
    with torch_threads(1):              # the expert's episodes, collected once for both runs
        data = {'starpilot': bench_data('starpilot', load_expert('starpilot'), get_bench_config('tiny'), tmp_path/'data')}
    for name, ex in [('local', LocalExecutor()), ('ray', local_ray)]:
        with torch_threads(1):          # Ray's workers run one torch thread each: the same arithmetic here
            bench_distill('starpilot', ['dm'], ['hard'], 1, tmp_path/name, 'tiny', data=data, log=lambda *a: None, progress=False, executor=ex)
        cells[name] = {p.name: without_timings(json.loads(p.read_text())) for p in sorted((tmp_path/name/'starpilot'/'cells').glob('*.json'))}
    assert len(cells['ray']) == 1 and cells['ray'] == cells['local']


def test_ray_task_error_is_the_task_error(local_ray):
    with pytest.raises(ValueError, match="unknown game 'pong'"):
        local_ray.map(reproduce, ['pong'])
