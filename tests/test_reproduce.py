"""The README's main job at `tiny` scale through the console script: shipped experts, results, a real kill and resume;
and the ordering every run rests on: the shipped starpilot expert beats a random policy."""
import json, signal, subprocess, time
from pathlib import Path
import numpy as np
import pytest
import torch

from dd_offline.envs import PAPER_GAMES
from dd_offline.expert import load_expert, shipped_expert_path
from dd_offline.evaluate import evaluate_policies


@pytest.mark.parametrize('game', PAPER_GAMES)
def test_shipped_expert_loads_by_name(game):
    m = load_expert(game)
    info = m.expert_info
    assert info['game'] == game and info['steps'] > 40_000 and info['dtype'] == 'float16'
    assert shipped_expert_path(game).stat().st_size < 2_000_000
    frames = torch.as_tensor(np.random.default_rng(0).integers(0, 256, (4, 64, 64, 3), dtype=np.uint8))
    assert m.act(frames, greedy=True).shape == (4,)


def test_shipped_starpilot_expert_beats_random_policy():
    "8 ID episodes each, seed 0: the expert's mean return is above the random policy's by more than 1 (12.0 against 1.75 with the 1,048,576-step expert; it held for the 1,490,944-, 1,687,552- and 2,260,992-step ones)."
    r = evaluate_policies([load_expert('starpilot', verbose=False), 'random'], 'starpilot', 'id', n_episodes=8, seed=0)
    expert, rand = r.returns.mean(1)
    assert expert > rand + 1, r.returns


def test_killed_run_with_shipped_expert_continues_from_last_finished_stage(tmp_path):
    "The main job at `tiny` scale through the console script, killed (SIGKILL) once its dataset is written, then rerun."
    cmd = ['dd-offline', 'reproduce', '--game', 'starpilot', '--preset', 'tiny', '--run-dir', str(tmp_path)]
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    marker = tmp_path/'starpilot'/'stages'/'collect.json'
    t0 = time.time()
    while not marker.exists() and p.poll() is None and time.time() - t0 < 300: time.sleep(0.05)
    p.send_signal(signal.SIGKILL); p.wait()
    done = sorted(f.stem for f in (tmp_path/'starpilot'/'stages').glob('*.json'))
    assert {'expert', 'collect'} <= set(done) and 'evaluate' not in done, done
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr
    skipped = [l.split()[0] for l in r.stdout.splitlines() if 'skipped' in l]
    assert sorted(skipped) == done, (skipped, done)
    assert '| Synthetic |' in r.stdout and '| MTT 4 + learned labels |' in r.stdout and '| Random |' in r.stdout and 'named by method, budget and labels' in r.stdout
    res = json.loads((tmp_path/'results.json').read_text())['starpilot']
    assert set(res) == {'id', 'ood'}
    for lv in res:
        assert set(res[lv]) == {'Expert', 'BC10%', 'BC25%', 'BC40%', 'BC100%', 'Synthetic', 'Random 8 + expert labels', 'Random 4 + expert labels', 'MTT 4 + learned labels', 'Random'}
        assert res[lv]['Expert']['mean'] > res[lv]['Random']['mean'], res[lv]      # 2 episodes each, seed 0: 2.0 > 0.0 (ID), 3.5 > 0.5 (OOD)
    stage = json.loads((tmp_path/'starpilot'/'stages'/'expert.json').read_text())
    assert stage['source'] == 'shipped' and stage['steps'] > 40_000
