"""Run notebooks and store their outputs, which are the documentation (the docs site shows them; nothing executes there).

    python scripts/store_outputs.py nbs/00_core.ipynb [nbs/01_envs.ipynb ...] [--slow]

Cells run in order in the notebook's folder, as `nbdev_test` runs them. The cells `nbdev_test` skips (flagged with one of settings.ini's `tst_flags`: `slow`, `gpu`)
are not run (they keep the outputs stored by a real run) unless `--slow` is given. What is not documentation is dropped: stderr (warnings,
progress bars), fastprogress's bars and widget views (a widget needs a live kernel; the widgets notebook shows
screenshots instead). Each notebook is then cleaned with `nbdev_clean`, and written only if every cell ran."""
import argparse, os, re, subprocess, sys
from pathlib import Path
from execnb.nbio import read_nb, write_nb
from execnb.shell import CaptureShell
from fastcore.basics import AttrDict
from nbdev.config import get_config
from nbdev.process import extract_directives

ROOT = Path(__file__).resolve().parent.parent
SKIP_FLAGS = set(get_config(path=ROOT).tst_flags.split())   # the cells nbdev_test skips (settings.ini's tst_flags): slow, gpu
WIDGET_MIME = 'application/vnd.jupyter.widget-view+json'


def cell_flags(source):
    "The `#| flag` directives of a cell, e.g. {'export', 'slow'} (nbdev's parser)."
    return set(extract_directives(AttrDict(cell_type='code', source=source), remove=False))


PROGRESS_LINE = re.compile(r'█|^\s*\|?\s*\d+\.\d+% \[\d+/\d+')    # fastprogress's text bars


def without_progress_lines(output):
    "A stdout output without the lines of fastprogress's text progress bars."
    if output.get('output_type') == 'stream':
        text = ''.join(output.get('text', ''))
        lines = [line.split('\r')[-1] for line in text.splitlines(keepends=True)]      # a bar redraws its line after each \r
        kept = ''.join(line for line in lines if not PROGRESS_LINE.search(line))
        if kept != text: output['text'] = kept                                       # else untouched: no churn in the stored JSON
    return output


def is_documentation(output):
    "Whether an output teaches a reader (stdout, results, figures) rather than reports on the run (stderr, progress bars, live widgets)."
    if output.get('output_type') == 'stream': return output.get('name') == 'stdout' and bool(''.join(output.get('text', '')).strip())
    data = output.get('data', {})
    if WIDGET_MIME in data: return False
    html = ''.join(data.get('text/html', ''))
    return not re.search(r'<progress|progress-bar', html)


def store_outputs(path, run_slow=False):
    "Run the notebook at `path` and write it back with its outputs; raises if a cell fails (the file is then left unchanged)."
    path = Path(path).resolve()
    nb = read_nb(path)
    skip = set() if run_slow else SKIP_FLAGS
    def not_run(cell): return cell.cell_type != 'code' or 'nbdev_export(' in cell.source or bool(cell_flags(cell.source) & skip)
    shell = CaptureShell(path, mpl_format='png')   # not retina: half the bytes, and the site shows figures at their size
    cwd = os.getcwd()
    try:
        os.chdir(path.parent); sys.path.insert(0, str(ROOT))
        for cell in nb.cells:
            if not_run(cell): continue
            cell.outputs = []
            shell.cell(cell)
            if shell.exc: raise RuntimeError(f"{path.name}: a cell failed:\n{cell.source[:300]}\n{shell.prettytb(fname=path)}")
            cell.outputs = [o for o in map(without_progress_lines, cell.outputs) if is_documentation(o)]
    finally: os.chdir(cwd)
    write_nb(nb, path)
    subprocess.run(['nbdev_clean', '--fname', str(path)], check=True, cwd=ROOT)
    return path.stat().st_size


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('notebooks', nargs='+')
    p.add_argument('--slow', action='store_true', help="also run the cells flagged slow or gpu")
    a = p.parse_args(argv)
    for nb in a.notebooks:
        size = store_outputs(nb, a.slow)
        print(f"{nb}: outputs stored, {size/1024:.0f} KiB")


if __name__ == '__main__': main()
