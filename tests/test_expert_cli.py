"""The `dd-offline experts train` command as a user runs it: train, resume/extend, load, and clear errors; the old name
`train-expert` still works and says the new one. `dd-offline experts` lists its actions."""
import csv, re, subprocess
import pytest
import torch
from dd_offline.expert import load_expert, shipped_expert_path


def run_cli(*args):
    return subprocess.run(['dd-offline', *args], capture_output=True, text=True, timeout=600)


def test_train_then_extend_then_load(tmp_path):
    run = tmp_path/'bigfish'
    r = run_cli('experts', 'train', '--game', 'bigfish', '--preset', 'tiny', '--run-dir', str(run))
    assert r.returncode == 0, r.stderr
    rows = list(csv.DictReader(open(run/'curve.csv')))
    assert [int(x['global_step']) for x in rows] == [64, 128]
    # the same command with more steps continues from the checkpoint instead of starting over
    r = run_cli('experts', 'train', '--game', 'bigfish', '--preset', 'tiny', '--run-dir', str(run), '--total-steps', '256')
    assert r.returncode == 0, r.stderr
    rows = list(csv.DictReader(open(run/'curve.csv')))
    assert [int(x['global_step']) for x in rows] == [64, 128, 192, 256]
    expert = load_expert(run/'expert.pt')
    assert expert.expert_info['steps'] == 256 and expert.expert_info['game'] == 'bigfish'
    logits, value = expert(torch.zeros(2, 64, 64, 3, dtype=torch.uint8))
    assert logits.shape == (2, 15) and torch.isfinite(logits).all()


def test_help_explains_presets():
    r = run_cli('experts', 'train', '--help')
    assert r.returncode == 0 and 'tiny: seconds' in r.stdout and '--total-steps' in r.stdout


@pytest.mark.parametrize('args, message', [
    (['--game', 'bigfsh', '--preset', 'tiny'], "unknown game 'bigfsh'"),
    (['--game', 'bigfish', '--preset', 'huge'], "invalid choice: 'huge'"),
    (['--game', 'bigfish', '--preset', 'tiny', '--total-steps', '0'], '--total-steps must be positive'),
    (['--game', 'bigfish', '--preset', 'tiny', '--device', 'cuda:7'], 'CUDA is not available'),
])
def test_bad_arguments_give_one_clear_line(tmp_path, args, message):
    if 'cuda:7' in args and torch.cuda.is_available(): pytest.skip('CUDA present')
    r = run_cli('experts', 'train', *args, '--run-dir', str(tmp_path/'x'))
    assert r.returncode == 2 and message in r.stderr and 'Traceback' not in r.stderr


@pytest.mark.parametrize('damage', ['zeros', 'truncated'])
def test_corrupt_checkpoint_is_reported(tmp_path, damage):
    "A run directory whose checkpoint is overwritten or cut short (a torch file, as a killed copy leaves it) gets one clear line."
    run = tmp_path/'run'; run.mkdir()
    whole = shipped_expert_path('jumper').read_bytes()
    (run/'checkpoint.pt').write_bytes(b'\x00' * 100 if damage == 'zeros' else whole[:len(whole) // 2])
    r = run_cli('experts', 'train', '--game', 'jumper', '--preset', 'tiny', '--run-dir', str(run), '--total-steps', '512')
    assert r.returncode == 2 and 'corrupt or truncated PPO checkpoint' in r.stderr and 'Traceback' not in r.stderr, r.stderr[-2000:]
    assert sorted(p.name for p in run.iterdir()) == ['checkpoint.pt']      # nothing trained or written over it


def test_old_name_says_the_new_one_and_trains(tmp_path):
    r = run_cli('train-expert', '--game', 'bigfish', '--preset', 'tiny', '--run-dir', str(tmp_path/'old'), '--total-steps', '64')
    assert r.returncode == 0, r.stderr
    assert r.stderr.splitlines()[0] == 'dd-offline train-expert is now `dd-offline experts train`', r.stderr
    assert load_expert(tmp_path/'old'/'expert.pt').expert_info['steps'] == 64


def test_experts_help_lists_the_actions():
    r = run_cli('experts', '--help')
    assert r.returncode == 0
    listed = re.findall(r'^    (\S+)(?:  |$)', r.stdout, re.M)    # argparse puts a long name's help on the next line
    assert listed == ['train', 'train-many', 'campaign', 'status', 'publish', 'confirm'], r.stdout


def test_unknown_action_is_one_line():
    r = run_cli('experts', 'trian')
    assert r.returncode == 2 and r.stderr.count('\n') == 1 and "invalid choice: 'trian'" in r.stderr, r.stderr
