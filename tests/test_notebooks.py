"""Every notebook's tests, exactly as `nbdev_test` runs them (nbdev's own `test_nb`: the cells in order, in the notebook's
folder, skipping the cells flagged in settings.ini's `tst_flags`, `slow` among them; `--runslow` runs those too), as pytest
items. So one `pytest -n 2` schedules notebooks and integration tests on the same workers: a worker that waits for a
JupyterLab or a Ray to start is not a core left idle while the notebooks queue behind it."""
from pathlib import Path
import pytest
from nbdev.config import get_config
from nbdev.doclinks import nbglob
from nbdev.test import test_nb as run_notebook_tests    # aliased: pytest would collect a `test_nb` as a test

CFG = get_config(path=Path(__file__).resolve().parent.parent)
NOTEBOOKS = sorted(nbglob(CFG.nbs_path, as_path=True))


@pytest.mark.parametrize('notebook', NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook(notebook, request):
    force = ['slow'] if request.config.getoption('--runslow') else []
    ok, _ = run_notebook_tests(notebook, skip_flags=CFG.tst_flags.split(), force_flags=force, basepath=CFG.config_path)
    assert ok, f"{notebook.name}: a cell failed (its traceback is in the captured stderr)"
