"""The documentation site: Sphinx with MyST-NB (no Quarto), built from the repository root with

    python -m sphinx -b html -c docs . _site

Pages: the README, every notebook in nbs/ with its stored outputs (not executed), an API page per module, the
benchmarks' and experts' pages. It works offline: the theme's assets and MathJax (from the django-static-mathjax wheel)
are served from the site itself, and nothing is loaded from a CDN."""
import shutil, sys
from pathlib import Path
import mathjax

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

project, author, copyright = 'dd_offline', 'dd_offline developers', '2026, dd_offline developers'
extensions = ['myst_nb', 'sphinx.ext.autodoc']
root_doc = 'docs/index'
include_patterns = ['docs/*.md', 'nbs/*.ipynb', 'README.md', 'CHANGELOG.md', 'benchmarks/README.md', 'benchmarks/results/*/README.md',
                    'experts/*.md', 'experts/checkpoints/README.md']
exclude_patterns = ['_site', '.venv', 'runs', '**/.ipynb_checkpoints', 'nbs/index.ipynb']   # index.ipynb is the README
nb_execution_mode = 'off'                 # the notebooks' stored outputs are the documentation; the tests run them
myst_enable_extensions = ['dollarmath']
myst_heading_anchors = 3                  # links to a section (page.md#a-heading) resolve
suppress_warnings = ['myst.header']       # notebooks open with a title after their front matter
html_theme = 'sphinx_book_theme'
html_title = 'dd_offline'
html_theme_options = dict(show_toc_level=2, use_download_button=False, use_fullscreen_button=False)
autodoc_member_order = 'bysource'
autodoc_typehints = 'signature'

# MathJax from the site itself: copy its single-file SVG build next to the theme's assets
_static = ROOT/'_site_static'
(_static/'mathjax').mkdir(parents=True, exist_ok=True)
shutil.copy(Path(mathjax.__file__).parent/'static'/'mathjax'/'es5'/'tex-svg.js', _static/'mathjax'/'tex-svg.js')
html_static_path = [str(_static)]
mathjax_path = 'mathjax/tex-svg.js'
html_context = dict(default_mode='light')   # pydata-sphinx-theme logs a console error when no mode is set

import re
def markdown_docstring(app, what, name, obj, options, lines):
    "The package's docstrings are one line of Markdown: its `code` becomes reST's ``code``, and reST's markup characters are taken literally."
    for i, line in enumerate(lines):
        line = line.replace('\\', '\\\\').replace('*', '\\*').replace('|', '\\|').replace('_ ', '\\_ ')
        lines[i] = re.sub(r'`([^`]+)`(?=([\w%(]?))', lambda m: f"``{m.group(1)}``" + ('\\ ' if m.group(2) else ''), line)   # reST's literal ends at a word boundary

def setup(app): app.connect('autodoc-process-docstring', markdown_docstring)
