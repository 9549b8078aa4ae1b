"""The baseline half of the paper end to end at tiny scale: expert -> collect -> BCx% -> students -> ID/OOD evaluation."""
import numpy as np
import pytest
from dd_offline.core import get_preset
from dd_offline.expert import train_expert
from dd_offline.collector import collect
from dd_offline.percentile import percentile_filter, percentile_table
from dd_offline.students import train_bc_students
from dd_offline.evaluate import evaluate_methods, results_table, summarize_result
from dd_offline.data import save_dataset, load_dataset


@pytest.fixture(scope='module')
def tiny_run(tmp_path_factory):
    d = tmp_path_factory.mktemp('bc')
    p = get_preset('tiny')
    expert = train_expert('starpilot', p.expert, d/'expert', progress=False, verbose=False)
    ds = collect(expert, 'starpilot', n_episodes=8, num_envs=4, seed=0, progress=False)
    return p, expert, ds, d


def test_dataset_and_percentile_sizes(tiny_run):
    p, expert, ds, d = tiny_run
    assert ds.n_episodes == 8 and ds.game == 'starpilot' and ds.dones.sum() == 8
    rows = percentile_table(ds)
    assert [r['episodes'] for r in rows] == [1, 2, 4, 8]
    assert rows[-1]['transitions'] == len(ds)
    for r in rows:   # every kept episode is at least as good as every dropped one
        sub = percentile_filter(ds, int(r['method'][2:-1]))
        dropped = np.setdiff1d(np.arange(ds.n_episodes), sub.meta['source_episodes'])
        if len(dropped): assert sub.episode_returns.min() >= ds.episode_returns[dropped].max()
    save_dataset(ds, d/'ds.npz'); assert len(load_dataset(d/'ds.npz')) == len(ds)


def test_students_and_id_ood_table(tiny_run):
    p, expert, ds, d = tiny_run
    methods = {f'BC{x}%': train_bc_students(percentile_filter(ds, x), p.students, seed=1)[0] for x in p.percentile.percentiles}
    assert all(len(v) == p.students.n_students for v in methods.values())
    res = evaluate_methods(methods, 'starpilot', expert=expert, n_episodes=2, seed=0)
    assert set(res) == {'id', 'ood'}
    for lv in res:
        assert list(res[lv]) == ['Expert', 'BC10%', 'BC25%', 'BC40%', 'BC100%', 'Random']
        for name, r in res[lv].items():
            s = summarize_result(r)
            assert s['std'] >= 0 and np.isfinite(s['mean']) and r.returns.shape[1] == 2
    table = results_table(res, 'starpilot')
    assert table.count('\n') == 1 + 6 and '28.88 ± 19.41' in table and '| BC40% |' in table


def test_mismatched_dataset_game_is_refused(tiny_run):
    p, expert, ds, d = tiny_run
    with pytest.raises(ValueError, match="trained on 'starpilot', not 'bigfish'"):
        collect(expert, 'bigfish', 2, progress=False)
