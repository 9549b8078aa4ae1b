"""The screenshots of `nbs/10_widgets.ipynb`: each widget running in a real JupyterLab (headless Chromium via Playwright, as
`tests/test_browser.py` drives it), clicked into a state worth seeing, cropped to the widget and saved small (256 colours).

    dd-offline distill --game starpilot --method dm -n 15 --labels expert --episodes 20 --run-dir runs/widgets
    python tests/widget_screenshots.py --run-dir runs/widgets --campaign runs/campaign

- `widgets_scrubber.png`: SampleScrubber on the set, scrubbed to the sample whose pixels moved most (final iteration).
- `widgets_lab.png`: StudentLab.from_sets on the run (with the shipped expert for the reference rows, 5 episodes per level
  set): Run on the distilled set as it opens, then on the random real subset of the same size.
- `widgets_watcher.png`: CampaignWatcher on a campaign directory (`dd-offline experts campaign` writes one), after Refresh.
About two minutes on 2 cores; a JupyterLab on a free port, stopped at the end. Not a test (pytest collects test_*.py only)."""
import argparse, io, os, shutil, signal, subprocess, sys, tempfile, time, urllib.request
from pathlib import Path
import numpy as np
sys.path.insert(0, str(Path(__file__).parent))
from test_browser import CHROMIUM, CHROMIUM_FLAGS, MISSING, free_port, run_all_cells, write_notebook

ROOT = Path(__file__).resolve().parent.parent
HIDE_TOASTS = ("document.addEventListener('DOMContentLoaded', () => { const s = document.createElement('style');"
               " s.textContent = '.Toastify{display:none!important}'; document.head.appendChild(s); })")   # JupyterLab's news prompt


def save_small(png: bytes, path: Path, colours: int = 256):
    "Save a screenshot as a palette PNG (no dithering: the text stays sharp)."
    from PIL import Image
    im = Image.open(io.BytesIO(png)).convert('RGB')
    im.quantize(colours, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(path, 'png', optimize=True)
    print(f'{path}: {im.width} x {im.height}, {path.stat().st_size / 1024:.0f} KiB', flush=True)


def most_changed_sample(set_file) -> int:
    "The sample whose frame moved most between the first and the last snapshot."
    from dd_offline.synthetic import load_synthetic
    s = load_synthetic(set_file)
    first, last = s.snapshots[min(s.snapshots)].astype(int), s.snapshots[max(s.snapshots)].astype(int)
    return int(np.abs(last - first).mean((1, 2, 3)).argmax())


def jupyterlab(root: Path):
    "Start a JupyterLab without token serving `root` on a free port; (url, process)."
    port, home = free_port(), root/'home'
    home.mkdir()
    env = dict(os.environ, HOME=str(home), JUPYTER_CONFIG_DIR=str(home/'config'), JUPYTER_RUNTIME_DIR=str(home/'runtime'),
               JUPYTERLAB_WORKSPACES_DIR=str(home/'workspaces'), PYTHONUNBUFFERED='1')
    cmd = [sys.executable, '-m', 'jupyterlab', '--no-browser', f'--port={port}', '--ip=127.0.0.1', '--allow-root', f'--ServerApp.root_dir={root}',
           "--IdentityProvider.token=", '--ServerApp.password=', '--LabApp.news_url=None',
           '--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate']
    proc = subprocess.Popen(cmd, env=env, stdout=open(root/'jupyterlab.log', 'w'), stderr=subprocess.STDOUT)
    url = f'http://127.0.0.1:{port}'
    for _ in range(240):
        try: urllib.request.urlopen(f'{url}/api/status', timeout=1); return url, proc
        except OSError: time.sleep(0.5)
    proc.kill(); raise RuntimeError('JupyterLab did not start:\n' + (root/'jupyterlab.log').read_text()[-2000:])


def open_notebook(browser, url: str, root: Path, name: str, cells: list[str], height: int):
    "A page on a new notebook `name` with `cells`, all run (its own workspace, so no other notebook is restored beside it)."
    write_notebook(root/f'{name}.ipynb', cells)
    page = browser.new_page(viewport={'width': 1280, 'height': height})
    page.add_init_script(HIDE_TOASTS)
    run_all_cells(page, f'{url}/lab/workspaces/{name}/tree/{name}.ipynb')
    return page


def shoot_scrubber(browser, url, root, set_file, out: Path):
    target = most_changed_sample(set_file)
    page = open_notebook(browser, url, root, 'scrub', ["from dd_offline.widgets import SampleScrubber", f"SampleScrubber({str(set_file)!r})"], 800)
    page.locator('.dd-action').wait_for(timeout=180_000)
    handle = page.locator('.widget-slider .noUi-handle').first
    handle.click()
    for _ in range(target): handle.press('ArrowRight')
    page.wait_for_function("n => document.querySelector('.widget-readout').innerText == String(n)", arg=target, timeout=30_000)
    time.sleep(1)
    save_small(page.locator('.jp-OutputArea-output').last.screenshot(), out)
    page.close()


def wait_done(widget, name: str, timeout: float = 300):
    "Wait until the lab's status says `name` is done; fail with what it says instead (an error, a cancel)."
    t0 = time.time()
    while time.time() - t0 < timeout:
        text = widget.inner_text()
        if f'done: {name}' in text: return print(f'lab: {name} ran in {time.time() - t0:.0f} s', flush=True)
        if 'cancelled' in text or 'Error' in text: raise RuntimeError(f'lab: {name} did not run: {text[:500]}')
        time.sleep(2)
    raise TimeoutError(f'lab: {name} not done in {timeout} s: {widget.inner_text()[:800]}')


def shoot_lab(browser, url, root, run_dir, out: Path):
    page = open_notebook(browser, url, root, 'lab', ["from dd_offline.expert import load_expert\nfrom dd_offline.widgets import StudentLab",
                                                     f"StudentLab.from_sets({str(run_dir)!r}, 'starpilot', expert=load_expert('starpilot'), n_episodes=5)"], 1100)
    widget = page.locator('.jp-OutputArea-output').last
    run, dataset = widget.locator('button.widget-button', has_text='Run'), widget.locator('.widget-dropdown select').nth(1)
    run.wait_for(timeout=180_000)
    print('lab: open', flush=True)
    options = [o.replace('\xa0', ' ') for o in dataset.evaluate("s => [...s.options].map(o => o.text)")]   # ipywidgets writes 'name\xa0(size)'
    name = options[dataset.evaluate("s => s.selectedIndex")].rsplit(' (', 1)[0]
    run.click(); wait_done(widget, name)
    random = next(i for i, o in enumerate(options) if o.startswith('Random'))
    dataset.select_option(index=random); time.sleep(1)
    run.click(); wait_done(widget, options[random].rsplit(' (', 1)[0])
    widget.locator('img').first.wait_for(state='visible', timeout=30_000); time.sleep(1)
    save_small(widget.screenshot(), out)
    page.close()


def shoot_watcher(browser, url, root, campaign, out: Path):
    page = open_notebook(browser, url, root, 'watch', ["from dd_offline.widgets import CampaignWatcher", f"CampaignWatcher({str(campaign)!r})"], 900)
    page.locator('pre', has_text='env steps').wait_for(timeout=180_000)
    page.locator('button.widget-button', has_text='Refresh').click()
    page.locator('.jp-OutputArea-output img').first.wait_for(state='visible', timeout=60_000); time.sleep(2)
    save_small(page.locator('.jp-CodeCell').last.locator('.jp-OutputArea-output').first.screenshot(), out)
    page.close()


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--run-dir', default='runs/widgets', help='a `dd-offline distill` run directory with a starpilot set (the first one in starpilot/sets/)')
    p.add_argument('--campaign', default='runs/campaign', help='a campaign run directory for CampaignWatcher')
    p.add_argument('--out', default=str(ROOT/'nbs'/'images'), help='where widgets_*.png go')
    p.add_argument('--only', action='append', choices=('scrubber', 'lab', 'watcher'), help='take only these (repeatable)')
    a = p.parse_args(argv)
    if MISSING: sys.exit(MISSING)
    from playwright.sync_api import sync_playwright
    run_dir, out = Path(a.run_dir).resolve(), Path(a.out)
    set_file = sorted((run_dir/'starpilot'/'sets').glob('*.pt'))[0]
    signal.signal(signal.SIGTERM, lambda *_: sys.exit('stopped'))     # `timeout` too stops JupyterLab and its kernels
    root = Path(tempfile.mkdtemp(prefix='widget-shots-'))
    url, proc = jupyterlab(root)
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS, headless=True)
            which = a.only or ('scrubber', 'lab', 'watcher')
            if 'scrubber' in which: shoot_scrubber(browser, url, root, set_file, out/'widgets_scrubber.png')
            if 'lab' in which: shoot_lab(browser, url, root, run_dir, out/'widgets_lab.png')
            if 'watcher' in which: shoot_watcher(browser, url, root, Path(a.campaign).resolve(), out/'widgets_watcher.png')
            browser.close()
    finally:
        proc.terminate()
        try: proc.wait(10)
        except subprocess.TimeoutExpired: proc.kill()
        shutil.rmtree(root, ignore_errors=True)


if __name__ == '__main__': main()
