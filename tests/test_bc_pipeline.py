"""The baseline half of the paper end to end at tiny scale: expert -> collect -> BCx% -> students -> ID/OOD evaluation;
then, with the shipped starpilot expert, what a broken pipeline would get wrong: frames paired with the expert's actions,
and students that learn those actions where students on shuffled labels cannot."""
import numpy as np
import pytest

pytestmark = pytest.mark.xdist_group('bc_pipeline')   # its module-scoped fixtures are built once, on one worker (pytest -n 2 --dist loadgroup)
import torch
from dd_offline.core import get_preset, StudentConfig
from dd_offline.data import OfflineDataset
from dd_offline.expert import train_expert, load_expert
from dd_offline.collector import collect
from dd_offline.percentile import percentile_filter, percentile_table
from dd_offline.students import train_bc_students, action_accuracy
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
    res = evaluate_methods(methods, 'starpilot', expert=expert, n_episodes=1, seed=0)
    assert set(res) == {'id', 'ood'}
    for lv in res:
        assert list(res[lv]) == ['Expert', 'BC10%', 'BC25%', 'BC40%', 'BC100%', 'Random']
        for name, r in res[lv].items():
            assert r.returns.shape == (len(methods.get(name, [0])), 1) and r.lengths.min() > 0, name
    table = results_table(res, 'starpilot')
    for name, r in res['id'].items():     # each row shows its own result
        assert f"| {name} | {summarize_result(r)['mean']:.2f} ± {summarize_result(r)['std']:.2f} |" in table, name


def test_mismatched_dataset_game_is_refused(tiny_run):
    p, expert, ds, d = tiny_run
    with pytest.raises(ValueError, match="trained on 'starpilot', not 'bigfish'"):
        collect(expert, 'bigfish', 2, progress=False)


@pytest.fixture(scope='module')
def greedy_expert_data():
    "4 starpilot episodes of the shipped expert's most likely actions (seed 0)."
    expert = load_expert('starpilot', verbose=False)
    return expert, collect(expert, 'starpilot', n_episodes=4, num_envs=4, seed=0, greedy=True, progress=False)


def test_collected_actions_are_the_experts(greedy_expert_data):
    "Every frame is paired with the action the expert takes on that very frame (not the one before or after: 65% of those agree)."
    expert, ds = greedy_expert_data
    with torch.no_grad(): acts = torch.cat([expert.act(torch.as_tensor(ds.obs[i:i + 256]), greedy=True) for i in range(0, len(ds), 256)])
    wrong = int((acts.numpy() != ds.actions).sum())
    assert wrong == 0, f'{wrong} of {len(ds)} frames are paired with another action than the expert took on them'


def with_actions(ds: OfflineDataset, actions) -> OfflineDataset:
    return OfflineDataset(ds.obs, actions, ds.rewards, ds.episode_ids, ds.final_obs, ds.level_seeds, ds.meta)


def test_bc_students_learn_expert_actions_shuffled_labels_do_not(greedy_expert_data):
    "BC students agree with the expert on its frames far more than the most common action does; students on shuffled labels do not."
    expert, ds = greedy_expert_data
    cfg = StudentConfig(n_students=2, bc_steps=200, bc_batch_size=64)  # 100 steps no longer fit the 1.49M expert's more varied play (0.39)
    # the paper's student no longer imitates the 3,457k expert in 200 steps (0.19 against a majority of 0.18, 2026-12-06;
    # 09c_ceiling: it reaches a third of the expert's return from all the data); half the expert's network does
    bc = action_accuracy(train_bc_students(percentile_filter(ds, 100), cfg, seed=0, arch='impala_small')[0], ds.obs, ds.actions)
    shuffled = with_actions(ds, np.random.default_rng(0).permutation(ds.actions))
    control = action_accuracy(train_bc_students(shuffled, cfg, seed=0, arch='impala_small')[0], ds.obs, ds.actions)
    majority = np.bincount(ds.actions).max() / len(ds)                  # 0.31; BC 0.51, shuffled 0.31 (2026-12-02)
    assert bc.mean() > max(majority, control.mean()) + 0.15, (bc, control, majority)


@pytest.mark.slow
def test_bc_students_generalise_to_other_episodes():
    "16 greedy episodes, 3 students x 300 steps: on 4 other episodes (seed 1) BC agrees with the expert 65-74% of the time, students on shuffled labels 30-36% (the most common action: 36%)."
    expert = load_expert('starpilot', verbose=False)
    ds = collect(expert, 'starpilot', n_episodes=16, num_envs=8, seed=0, greedy=True, progress=False)
    test = collect(expert, 'starpilot', n_episodes=4, num_envs=4, seed=1, greedy=True, progress=False)
    cfg = StudentConfig(n_students=3, bc_steps=300, bc_batch_size=64)
    bc = action_accuracy(train_bc_students(ds, cfg, seed=0)[0], test.obs, test.actions)
    control = action_accuracy(train_bc_students(with_actions(ds, np.random.default_rng(0).permutation(ds.actions)), cfg, seed=0)[0], test.obs, test.actions)
    majority = np.bincount(test.actions).max() / len(test)
    assert bc.mean() > max(majority, control.mean()) + 0.15, (bc, control, majority)
