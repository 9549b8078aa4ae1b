"""Integration tests of the installed package: the console script and the README's smoke run."""
import json, subprocess, sys
from pathlib import Path
import numpy as np
import pytest

from dd_offline.data import load_dataset


def run_cli(*args, cwd=None):
    return subprocess.run(['dd-offline', *args], capture_output=True, text=True, cwd=cwd, timeout=300)


def test_import_has_version():
    import dd_offline
    assert dd_offline.__version__.count('.') == 2


def test_help_lists_commands():
    r = run_cli('--help')
    assert r.returncode == 0 and 'smoke' in r.stdout


def test_smoke_run_writes_a_loadable_dataset(tmp_path):
    r = run_cli('smoke', '--game', 'starpilot', '--episodes', '2', '--seed', '3', '--out', str(tmp_path/'smoke'))
    assert r.returncode == 0, r.stderr
    assert 'student_params  11826' in r.stdout
    ds = load_dataset(tmp_path/'smoke'/'dataset.npz')
    assert ds.n_episodes == 2 and ds.game == 'starpilot' and ds.dones.sum() == 2
    assert json.loads((tmp_path/'smoke'/'config.json').read_text())['seed'] == 3
    summary = json.loads((tmp_path/'smoke'/'summary.json').read_text())
    assert summary['transitions'] == len(ds)


def test_smoke_run_is_reproducible(tmp_path):
    for name in 'ab': assert run_cli('smoke', '--game', 'bigfish', '--episodes', '1', '--out', str(tmp_path/name)).returncode == 0
    a, b = (load_dataset(tmp_path/n/'dataset.npz') for n in 'ab')
    assert len(a) == len(b) and np.array_equal(a.actions, b.actions) and np.array_equal(a.obs, b.obs)


@pytest.mark.parametrize('args, message', [
    (['smoke', '--game', 'pongg'], "unknown game 'pongg'"),
    (['smoke', '--episodes', '0'], 'episodes must be >= 1'),
    (['smoke', '--episodes', 'two'], "invalid int value: 'two'"),
    (['distill', '--method', 'bptt', '--n', '15', '--set', 'threads=0'], 'threads must be >= 1, got 0'),   # before any data are made
])
def test_bad_arguments_give_one_clear_line(tmp_path, args, message):
    r = run_cli(*args, '--out', str(tmp_path/'x'))
    assert r.returncode == 2
    assert message in r.stderr and 'Traceback' not in r.stderr


@pytest.mark.slow   # a minute; `.ci/run` checks the same in the log of the README's own install, for free
def test_fresh_install_resolves_without_backtracking(tmp_path):
    "pip resolves `.[dev]` in a fresh venv at the first try: no 'looking at multiple versions' (the pins in settings.ini)."
    import os, venv
    venv.create(tmp_path/'venv', with_pip=True)
    pip = tmp_path/'venv'/'bin'/'pip'
    root = Path(__file__).parent.parent
    env = {k: v for k, v in os.environ.items() if k not in ('PYTHONPATH', 'VIRTUAL_ENV')}
    r = subprocess.run([str(pip), 'install', '--dry-run', 'torch==2.13.0', '-e', f'{root}[dev]'], capture_output=True, text=True,
                       timeout=600, env=env)
    log = r.stdout + r.stderr
    assert r.returncode == 0, log[-3000:]
    assert 'multiple versions' not in log, [l for l in log.splitlines() if 'multiple versions' in l]
