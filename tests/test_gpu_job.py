"""The one-call GPU job (scripts/gpu_experts.sh) as a lent machine runs it, dry on the CPU at tiny scale, then brought home
with `dd-offline experts publish --job`, then continued by a second piece from the published checkpoints. The script hands its
minutes to `train_experts` (the job records them); that a budget stops a run and leaves its checkpoints is tested in
`04a_factory`, without the cost of a third job here."""
import json, os, subprocess
from pathlib import Path
import torch
from dd_offline.expert import load_expert

REPO = Path(__file__).resolve().parents[1]
GAMES = ['bigfish', 'jumper', 'starpilot']


def run_job(tmp, name, restore, *extra, minutes='5'):
    "The job as the lent machine runs it; its budget of `minutes` is only an upper bound unless the steps cannot fit."
    env = {**os.environ, 'OUT': str(tmp/name), 'RUN_DIR': str(tmp/f'{name}-run'), 'RESTORE': str(restore), 'BENCH': '0'}
    r = subprocess.run(['bash', 'scripts/gpu_experts.sh', minutes, 'cpu', 'tiny', *extra], cwd=REPO, env=env,
                       capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:]
    return json.loads((tmp/name/'job.json').read_text())


def test_gpu_job_dry_run_publish_and_continue(tmp_path):
    job = run_job(tmp_path, 'out', tmp_path/'no-checkpoints-yet')
    assert sorted(p.name for p in (tmp_path/'out').iterdir()) == sorted([f'{g}.pt' for g in GAMES] + ['job.json', 'log.txt'])
    assert {g: (s['global_step'], s['stopped']) for g, s in job['games'].items()} == {g: (128, 'done') for g in GAMES}   # done, not stopped by the budget
    assert job['device'] == 'cpu' and job['minutes'] == 5
    log = (tmp_path/'out'/'log.txt').read_text()
    assert 'training bigfish, starpilot, jumper on CPU' in log and 'env-steps/s' in log
    assert all((tmp_path/'out'/f'{g}.pt').stat().st_size < 10e6 for g in GAMES)

    shipped, kept = tmp_path/'shipped', tmp_path/'checkpoints'
    r = subprocess.run(['dd-offline', 'experts', 'publish', '--job', str(tmp_path/'out'), '--checkpoints-dir', str(kept),
                        '--shipped-dir', str(shipped), '--episodes', '1'], capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr
    assert 'published bigfish-gpu, jumper-gpu, starpilot-gpu' in r.stdout
    cards = json.loads((shipped/'cards.json').read_text())
    assert sorted(cards) == [f'{g}-gpu' for g in GAMES] and cards['jumper-gpu']['steps'] == 128
    assert 'CPU (' in cards['jumper-gpu']['trained_on']
    readme = (shipped/'README.md').read_text()
    assert readme.index('## bigfish, GPU tier') < readme.index('## starpilot, GPU tier') < readme.index('## jumper, GPU tier')
    assert load_expert(shipped/'starpilot-gpu.pt').expert_info['dtype'] == 'float16'
    assert len(json.loads((kept/'jobs.json').read_text())) == 1

    # the next piece, on a "fresh machine" (a new run dir), continues from the published checkpoints (one game: each game's
    # trainer is the same code, and 04a continues several at once)
    job2 = run_job(tmp_path, 'out2', kept, '--total-steps', '256', '--game', 'jumper')
    assert {g: (s['global_step'], s['steps_this_call']) for g, s in job2['games'].items()} == {'jumper': (256, 128)}
    pk = torch.load(tmp_path/'out2'/'jumper.pt', weights_only=True)
    assert [r['global_step'] for r in pk['curve']] == [64, 128, 192, 256]

