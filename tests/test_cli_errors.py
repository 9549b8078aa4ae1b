"""Errors of the `dd-offline` console script as a user meets them: one line naming the problem and the CLI's own flags."""
import json
from dd_offline.cli import main


def test_resume_with_another_config_names_the_restart_flag(tmp_path, capsys):
    game_dir = tmp_path/'bigfish'
    game_dir.mkdir()
    (game_dir/'config.json').write_text(json.dumps(dict(game='bigfish', preset=dict(name='other'), expert='shipped')))
    rc = main(['reproduce', '--game', 'bigfish', '--preset', 'tiny', '--run-dir', str(tmp_path)])
    err = capsys.readouterr().err
    assert rc == 2 and err.count('\n') == 1, err
    assert 'holds a run with another config' in err and '--restart' in err and 'restart=True' not in err, err


def test_bench_resume_with_another_config_names_the_restart_flag(tmp_path, capsys):
    (tmp_path/'config.json').write_text(json.dumps(dict(bench=dict(preset='other'))))
    rc = main(['bench', '--preset', 'tiny', '--seeds', '1', '--method', 'random', '--run-dir', str(tmp_path)])
    err = capsys.readouterr().err
    assert rc == 2 and '--restart' in err and 'restart=True' not in err, err
