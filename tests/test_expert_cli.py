"""The `dd-offline experts` commands as a user runs them: `train` (train, resume/extend, load, and clear errors; the old name
`train-expert` still works and says the new one), `confirm` (fresh seeds, `--greedy`, `--candidate`) and `status` on a scratch copy of a
shipped expert. `dd-offline experts` lists its actions."""
import csv, json, re, shutil, subprocess
import pytest
import torch
from dd_offline.expert import load_expert, shipped_expert_path, shipped_card


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


def scratch_shipped(tmp_path, game='jumper'):
    "A scratch shipped folder with a copy of `game`'s shipped expert and its card, without fresh seeds or greedy returns."
    d, src = tmp_path/'shipped', shipped_expert_path(game)
    d.mkdir(); shutil.copy(src, d/src.name)
    card = {k: v for k, v in shipped_card(game).items() if k not in ('fresh_seeds', 'greedy')}
    (d/'cards.json').write_text(json.dumps({src.stem: card}))
    return d, src.stem


def test_confirm_greedy_then_fresh_seeds_then_status(tmp_path):
    d, stem = scratch_shipped(tmp_path)
    r = run_cli('experts', 'confirm', '--game', 'jumper', '--greedy', '--episodes', '2', '--shipped-dir', str(d))
    assert r.returncode == 0, r.stderr
    card = json.loads((d/'cards.json').read_text())[stem]
    assert sorted(card['greedy']) == ['id', 'ood'] and card['greedy']['id'][2] == card['greedy']['ood'][2] == 2, card['greedy']
    assert re.search(rf"{stem}, greedy, seed 0: OOD return \d+\.\d\d ± \d+\.\d\d \(s\.e\., 2 episodes; sampled, on its card: ", r.stdout), r.stdout
    assert '| levels | this expert, sampled | this expert, greedy |' in (d/'README.md').read_text()
    r = run_cli('experts', 'confirm', '--game', 'jumper', '--episodes', '2', '--seed', '1', '--seed', '2', '--seed', '3', '--shipped-dir', str(d))
    assert r.returncode == 0, r.stderr
    card = json.loads((d/'cards.json').read_text())[stem]
    assert sorted(card['fresh_seeds']) == ['1', '2', '3'] and 'greedy' in card        # the greedy returns stay
    shipped_id = card['id']['expert'][0]                                            # the card's sampled ID return, whichever expert ships
    assert r.stdout.splitlines()[-1].startswith(f'jumper: stage 2, milestone 8: card {shipped_id:.2f}; fresh seeds '), r.stdout   # jumper's card reached stage 1
    assert r.stdout.rstrip().endswith('needs 300 episodes on 3 fresh seeds: has 6 on 3'), r.stdout
    r = run_cli('experts', 'status', '--run-dir', str(tmp_path/'none'), '--shipped-dir', str(d), '--checkpoints-dir', str(tmp_path/'none'))
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[:2] == [f"{tmp_path/'none'}: no game has a curve yet",
                         "campaign stage 1, milestones judged on the card's own ID return; the next piece trains starpilot:"], lines
    assert lines[3].startswith(f'  jumper: stage 2, milestone 8: card {shipped_id:.2f}; fresh seeds ') and lines[3].endswith('has 6 on 3'), lines



def test_confirm_candidate(tmp_path):
    "`experts confirm --candidate`: the last piece's unshipped expert on fresh seeds, kept in candidates.json, beside the shipped one's."
    d, stem = scratch_shipped(tmp_path)
    run, ckpts = tmp_path/'campaign', tmp_path/'ckpts'
    (run/'candidates').mkdir(parents=True); ckpts.mkdir()
    shutil.copy(d/f'{stem}.pt', run/'candidates'/f'{stem}.pt')                   # as if publish had left it there, unshipped
    steps = load_expert(d/f'{stem}.pt').expert_info['steps']
    (ckpts/'candidates.json').write_text(json.dumps({'jumper': {'steps': steps, 'tier': stem.split('-')[1], 'seed': 0, 'shipped': False}}))
    args = ['experts', 'confirm', '--game', 'jumper', '--candidate', '--run-dir', str(run), '--checkpoints-dir', str(ckpts), '--shipped-dir', str(d)]
    r = run_cli(*args, '--seed', '1', '--episodes', '2')
    assert r.returncode == 0, r.stderr
    rec = json.loads((ckpts/'candidates.json').read_text())['jumper']
    assert list(rec['fresh_seeds']) == ['1'] and rec['fresh_seeds']['1'][2] == 2, rec
    assert r.stdout.splitlines()[0].startswith(f'jumper candidate ({steps:,} env steps), seed 1: ID return '), r.stdout
    assert r.stdout.splitlines()[-1].startswith("jumper: the candidate's fresh seeds "), r.stdout
    r = run_cli(*args, '--seed', '0')
    assert r.returncode == 2 and "seed 0 measured the candidate's card itself" in r.stderr, r.stderr
