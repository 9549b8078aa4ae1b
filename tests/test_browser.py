"""The scrubber in a real JupyterLab: headless Chromium (Debian's) driven by Playwright runs a notebook, moves the slider
and checks that the displayed action follows. Skipped, with the reason, where Chromium or Playwright is missing
(`.ci/run` installs both). The screenshot goes to $DD_OFFLINE_SCREENSHOT if set, else into pytest's tmp dir.
By default the notebook scrubs a small fixture; $DD_OFFLINE_SCRUB_FILE scrubs a saved dataset or distilled set instead
(that is how the README's screenshot is made from a `dd-offline reproduce` run)."""
import json, os, shutil, socket, subprocess, sys, time, urllib.request
from pathlib import Path
import numpy as np
import pytest

CHROMIUM = shutil.which('chromium') or shutil.which('chromium-browser')
playwright = pytest.importorskip('playwright.sync_api', reason='playwright is not installed (pip install playwright)')
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed (apt-get install chromium)")

CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
                  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage']
SCRUB_FILE = os.environ.get('DD_OFFLINE_SCRUB_FILE')


def notebook_cells() -> list[str]:
    if SCRUB_FILE: return ["from dd_offline.widgets import SampleScrubber", f"SampleScrubber({str(Path(SCRUB_FILE).resolve())!r})"]
    return ["from dd_offline.distill import pattern_dataset\nfrom dd_offline.widgets import SampleScrubber\nds = pattern_dataset(40, seed=0)",
            "SampleScrubber(ds)"]


def shown_actions():
    "The action of every sample, as the scrubber shows it."
    from dd_offline.widgets import scrub_data
    if not SCRUB_FILE:
        from dd_offline.distill import pattern_dataset
        return pattern_dataset(40, seed=0).actions
    labels = np.asarray(scrub_data(SCRUB_FILE).labels)
    return labels.argmax(1) if labels.ndim == 2 else labels


def write_notebook(path: Path):
    cells = [dict(cell_type='code', execution_count=None, metadata={}, outputs=[], source=s) for s in notebook_cells()]
    nb = dict(cells=cells, nbformat=4, nbformat_minor=5,
              metadata=dict(kernelspec=dict(name='python3', display_name='Python 3', language='python')))
    path.write_text(json.dumps(nb))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0)); return s.getsockname()[1]


@pytest.fixture
def jupyterlab(tmp_path):
    "A JupyterLab server without token on a free port, serving tmp_path, with its own config and runtime dirs."
    port, home = free_port(), tmp_path/'home'
    home.mkdir()
    env = dict(os.environ, HOME=str(home), JUPYTER_CONFIG_DIR=str(home/'config'), JUPYTER_RUNTIME_DIR=str(home/'runtime'),
               JUPYTERLAB_WORKSPACES_DIR=str(home/'workspaces'), PYTHONUNBUFFERED='1')
    cmd = [sys.executable, '-m', 'jupyterlab', '--no-browser', f'--port={port}', '--ip=127.0.0.1', '--allow-root',
           f'--ServerApp.root_dir={tmp_path}', "--IdentityProvider.token=", '--ServerApp.password=',
           '--LabApp.news_url=None', '--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate']
    log = open(tmp_path/'jupyterlab.log', 'w')
    proc = subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f'http://127.0.0.1:{port}'
    for _ in range(120):
        try:
            urllib.request.urlopen(f'{url}/api/status', timeout=1); break
        except OSError: time.sleep(0.5)
    else:
        proc.kill(); pytest.fail('JupyterLab did not start:\n' + (tmp_path/'jupyterlab.log').read_text()[-2000:])
    yield url
    proc.terminate()
    try: proc.wait(10)
    except subprocess.TimeoutExpired: proc.kill()
    log.close()


def test_scrubber_slider_changes_action_in_jupyterlab(tmp_path, jupyterlab):
    from dd_offline.envs import ACTION_NAMES
    actions = shown_actions()
    write_notebook(tmp_path/'scrub.ipynb')
    shot = Path(os.environ.get('DD_OFFLINE_SCREENSHOT', tmp_path/'scrubber.png'))
    with playwright.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS, headless=True)
        page = browser.new_page(viewport={'width': 1280, 'height': 800})
        page.goto(f'{jupyterlab}/lab/tree/scrub.ipynb')
        page.wait_for_selector('.jp-NotebookPanel .jp-Cell', timeout=120_000)
        page.get_by_text('Python 3 (ipykernel) | Idle').wait_for(timeout=120_000)     # the kernel is up
        page.locator('.lm-MenuBar-itemLabel', has_text='Run').first.click()
        page.locator('.lm-Menu-itemLabel', has_text='Run All Cells').first.click()
        action = page.locator('.dd-action')
        action.wait_for(timeout=180_000)
        first = action.inner_text()
        assert first.startswith(f'action: {ACTION_NAMES[actions[0]]}'), first
        target = int(next(i for i, a in enumerate(actions) if a != actions[0]))
        handle = page.locator('.widget-slider .noUi-handle').first
        handle.click()
        for _ in range(target): handle.press('ArrowRight')
        page.wait_for_function("t => document.querySelector('.dd-action').innerText !== t", arg=first, timeout=30_000)
        now = action.inner_text()
        readout = int(page.locator('.widget-readout').first.inner_text())
        assert now != first and now.startswith(f'action: {ACTION_NAMES[actions[readout]]}'), (now, readout)
        shot.parent.mkdir(parents=True, exist_ok=True)
        page.locator('.jp-OutputArea-output').last.screenshot(path=str(shot))
        browser.close()
    assert shot.stat().st_size > 10_000
