"""The widgets in a real JupyterLab: headless Chromium (Debian's) driven by Playwright runs a notebook, moves the scrubber's
slider and checks that the displayed action follows; opens a StudentLab on a run directory and presses Run as a new user would,
then reads the result rows and the plot off the page; opens a CampaignWatcher on a campaign that writes another update and
presses Refresh. Skipped, with the reason, where Chromium or Playwright is missing,
except with CI=true (`.ci/run` sets it and installs Chromium): there a missing browser fails the tests, so CI cannot pass
without running them. The screenshot goes to $DD_OFFLINE_SCREENSHOT if set, else into pytest's tmp dir.
By default the notebook scrubs a small fixture; $DD_OFFLINE_SCRUB_FILE scrubs a saved dataset or distilled set instead
(that is how the README's screenshot is made from a `dd-offline reproduce` run)."""
import importlib, json, os, re, shutil, socket, subprocess, sys, time, urllib.request
from pathlib import Path
import numpy as np
import pytest

CHROMIUM = shutil.which('chromium') or shutil.which('chromium-browser')
try: playwright = importlib.import_module('playwright.sync_api')
except ImportError: playwright = None
MISSING = ('playwright is not installed (pip install playwright)' if playwright is None else
           "Debian's chromium is not installed (apt-get install chromium)" if CHROMIUM is None else None)
IN_CI = os.environ.get('CI', '').lower() in ('1', 'true', 'yes')


@pytest.fixture(autouse=True)
def browser():
    "Skip where the browser is missing, with the reason; fail instead with CI=true."
    if MISSING and IN_CI: pytest.fail(f'{MISSING}, and CI=true: the browser tests must run in CI', pytrace=False)
    if MISSING: pytest.skip(MISSING)

CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
                  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage']
SCRUB_FILE = os.environ.get('DD_OFFLINE_SCRUB_FILE')


def notebook_cells() -> list[str]:
    if SCRUB_FILE: return ["from dd_offline.widgets import SampleScrubber", f"SampleScrubber({str(Path(SCRUB_FILE).resolve())!r})"]
    return ["from dd_offline.synthetic import pattern_dataset\nfrom dd_offline.widgets import SampleScrubber\nds = pattern_dataset(40, seed=0)",
            "SampleScrubber(ds)"]


def shown_actions():
    "The action of every sample, as the scrubber shows it."
    from dd_offline.widgets import scrub_data
    if not SCRUB_FILE:
        from dd_offline.synthetic import pattern_dataset
        return pattern_dataset(40, seed=0).actions
    labels = np.asarray(scrub_data(SCRUB_FILE).labels)
    return labels.argmax(1) if labels.ndim == 2 else labels


def write_notebook(path: Path, sources=None):
    cells = [dict(cell_type='code', execution_count=None, metadata={}, outputs=[], source=s) for s in sources or notebook_cells()]
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


def run_all_cells(page, url: str):
    "Open the notebook at `url` in JupyterLab and run all its cells from the menu."
    page.goto(url)
    page.wait_for_selector('.jp-NotebookPanel .jp-Cell', timeout=120_000)
    page.get_by_text('Python 3 (ipykernel) | Idle').wait_for(timeout=120_000)     # the kernel is up
    page.locator('.lm-MenuBar-itemLabel', has_text='Run').first.click()
    page.locator('.lm-Menu-itemLabel', has_text='Run All Cells').first.click()


def test_scrubber_slider_changes_action_in_jupyterlab(tmp_path, jupyterlab):
    from dd_offline.envs import ACTION_NAMES
    actions = shown_actions()
    write_notebook(tmp_path/'scrub.ipynb')
    shot = Path(os.environ.get('DD_OFFLINE_SCREENSHOT', tmp_path/'scrubber.png'))
    with playwright.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS, headless=True)
        page = browser.new_page(viewport={'width': 1280, 'height': 800})
        run_all_cells(page, f'{jupyterlab}/lab/tree/scrub.ipynb')
        action = page.locator('.dd-action')
        action.wait_for(timeout=180_000)
        first = action.inner_text()
        assert first.startswith(f'action: {ACTION_NAMES[actions[0]]}'), first
        out = page.locator('.jp-OutputArea-output').last
        frame = out.locator('img:visible').first                                       # the frame, 64 x 64 at scale 4
        assert frame.evaluate("i => i.complete && i.naturalWidth") == 256, 'the frame did not load'
        assert f'actions in the set (n = {len(actions)})' in out.inner_text()
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


def write_run_dir(run_dir: Path):
    "A run directory as `dd-offline reproduce` leaves it, in small: a bigfish dataset and the reference rows of results.json."
    from dd_offline.core import save_json
    from dd_offline.data import save_dataset
    from dd_offline.synthetic import pattern_dataset
    save_dataset(pattern_dataset(200, seed=0), run_dir/'bigfish'/'dataset.npz')
    save_json({lv: {'Expert': dict(mean=9.5, std=1.0), 'Random': dict(mean=0.25, std=0.5)} for lv in ('id', 'ood')}, run_dir/'bigfish'/'results.json')


REFERENCE_ROWS = [['bigfish', 'Expert', '–', '–', '–', 'ID', '9.50', '1.00', '14.27'], ['bigfish', 'Random', '–', '–', '–', 'ID', '0.25', '0.50', '–'],
                  ['bigfish', 'Expert', '–', '–', '–', 'OOD', '9.50', '1.00', '6.03'], ['bigfish', 'Random', '–', '–', '–', 'OOD', '0.25', '0.50', '–']]


def test_student_lab_runs_at_first_click_in_jupyterlab(tmp_path, jupyterlab):
    "A new user's path: open the lab on a run, press Run without touching anything, get a result row and a plot."
    write_run_dir(tmp_path/'run')
    write_notebook(tmp_path/'lab.ipynb', ["from dd_offline.core import StudentConfig\nfrom dd_offline.widgets import StudentLab",
                                          f"StudentLab.from_run({str(tmp_path/'run')!r}, cfg=StudentConfig(n_students=1, bc_steps=5), n_episodes=1)"])
    shot = tmp_path/'lab.png'
    with playwright.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS, headless=True)
        page = browser.new_page(viewport={'width': 1280, 'height': 1000})
        run_all_cells(page, f'{jupyterlab}/lab/tree/lab.ipynb')
        out = page.locator('.jp-OutputArea-output').last
        run = out.locator('button.widget-button', has_text='Run')
        run.wait_for(timeout=180_000)
        out.locator('td', has_text='Expert').first.wait_for(timeout=30_000)          # the reference rows are there before any run
        dataset = out.locator('.widget-dropdown select').nth(1)
        assert dataset.evaluate("s => s.selectedIndex") == 0 and 'BC10%' in dataset.evaluate("s => s.options[s.selectedIndex].text")
        assert out.locator('img').count() == 0 or not out.locator('img').first.is_visible()     # no broken image before the first run
        run.click()
        status = out.get_by_text('done: BC10%')
        status.wait_for(timeout=300_000)                                              # the status line once the run is recorded
        rows = [[c.strip() for c in r.split('\t')] for r in out.locator('table.dataframe tbody tr').all_inner_texts()]
        assert rows[:4] == REFERENCE_ROWS, rows                                       # results.json's Expert and Random, ID then OOD
        ran = re.findall(r'(ID|OOD) (-?[\d.]+) ± ([\d.]+)', status.inner_text())      # done: BC10%, ID m ± s, OOD m ± s
        assert len(ran) == 2 and rows[4:] == [['bigfish', 'BC10%', '200', '1', '5', lv, m, s, paper]     # 1 student, 5 steps, on 200 frames
                                              for (lv, m, s), paper in zip(ran, ['0.90', '0.93'])], (rows, ran)
        plot = out.locator('img').first
        plot.wait_for(state='visible', timeout=30_000)
        assert plot.evaluate("i => i.complete && i.naturalWidth > 100"), 'the plot did not load'
        out.screenshot(path=str(shot))
        browser.close()


def write_campaign_curve(path: Path, steps: list[int]):
    "A campaign game's curve.csv as the trainer writes it, one row per update (the columns CampaignWatcher reads)."
    import pandas as pd
    path.parent.mkdir(parents=True, exist_ok=True)
    pd.DataFrame(dict(update=range(1, len(steps) + 1), global_step=steps, steps_per_s=300.0,
                      mean_return=[1.0 + 0.5 * i for i in range(len(steps))], entropy=2.5)).to_csv(path, index=False)


def test_campaign_watcher_refreshes_in_jupyterlab(tmp_path, jupyterlab):
    "Open a CampaignWatcher on a running campaign, let the campaign write another update, press Refresh: the status line and the curves follow."
    curve = tmp_path/'camp'/'bigfish'/'curve.csv'
    write_campaign_curve(curve, [16384, 32768])
    write_notebook(tmp_path/'watch.ipynb', ["from dd_offline.widgets import CampaignWatcher", f"CampaignWatcher({str(tmp_path/'camp')!r})"])
    with playwright.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS, headless=True)
        page = browser.new_page(viewport={'width': 1280, 'height': 900})
        run_all_cells(page, f'{jupyterlab}/lab/tree/watch.ipynb')
        status = page.locator('pre', has_text='bigfish: 32,768 env steps')
        status.wait_for(timeout=180_000)
        from dd_offline.factory import milestone_state
        assert milestone_state('bigfish') in status.inner_text(), status.inner_text()  # where the shipped bigfish stands
        plot = page.locator('.jp-OutputArea-output img').first
        plot.wait_for(state='visible', timeout=30_000)
        assert plot.evaluate("i => i.complete && i.naturalWidth > 100"), 'the curves did not load'
        before = plot.get_attribute('src')
        write_campaign_curve(curve, [16384, 32768, 49152])                            # the campaign writes one more update
        page.locator('button.widget-button', has_text='Refresh').click()                # the widget's button, not the file browser's
        page.locator('pre', has_text='bigfish: 49,152 env steps').wait_for(timeout=60_000)
        page.wait_for_function("b => { const i = document.querySelector('.jp-OutputArea-output img'); return i && i.src !== b && i.naturalWidth > 100; }",
                               arg=before, timeout=60_000)                             # the curves were redrawn with the new point
        browser.close()
