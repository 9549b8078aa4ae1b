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
include_patterns = ['docs/*.md', 'nbs/*.ipynb', 'README.md', 'CHANGELOG.md', 'benchmarks/README.md', 'benchmarks/results/*/README.md', 'benchmarks/results/*/PREREGISTRATION.md',
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



# Notebook pages read like nbdev's own docs: an `#| export` cell shows the signature and docstring of each public function
# and class it defines (its source is on the API page and in the module), `#| exports` shows both, `#| hide` and
# `#| default_exp` cells are left out, and the `#|` directive lines are not shown.
import ast, importlib, inspect, json
from fastcore.basics import AttrDict
from nbdev.process import extract_directives
from nbdev.showdoc import show_doc

def public_names(source):
    "Names of the public functions and classes a cell defines at top level."
    try: tree = ast.parse('\n'.join(l for l in source.splitlines() if not l.lstrip().startswith(('%', '!'))))
    except SyntaxError: return []
    return [n.name for n in tree.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and not n.name.startswith('_')]

def api_markdown(obj, name):
    "nbdev's `show_doc` Markdown for `obj`, without its link to a source host (the site has the API pages)."
    md = show_doc(obj, name=name)._repr_markdown_()
    md = re.sub(r'^---\s*\n+\[source\]\([^)]*\)\{[^}]*\}\s*\n+', '', md)
    if inspect.isclass(obj): md = md.replace(f'def {name}(', f'class {name}(', 1)
    return md

def markdown_cell(text, name): return dict(cell_type='markdown', id=f'api-{name}'[:64], metadata={}, source=text)

def notebook_page(nb):
    "The notebook `nb` (a dict) as its docs page shows it."
    sources = [''.join(c['source']) if isinstance(c['source'], list) else c['source'] for c in nb['cells']]
    code = [(cell, AttrDict(cell_type='code', source=src)) for cell, src in zip(nb['cells'], sources)]
    directives = [extract_directives(c) if cell['cell_type'] == 'code' else {} for cell, c in code]   # and strips them from c.source
    module = next((d['default_exp'][0] for d in directives if 'default_exp' in d), None)
    cells = []
    for (cell, c), d in zip(code, directives):
        if cell['cell_type'] != 'code': cells.append(cell); continue
        if 'hide' in d or 'default_exp' in d or 'exporti' in d: continue
        export = d.get('export', d.get('exports'))
        body = c.source.strip('\n')
        if export is not None and module:
            mod = importlib.import_module(f"dd_offline.{export[0] if export else module}")
            cells += [markdown_cell(api_markdown(getattr(mod, n), n), n) for n in public_names(body) if hasattr(mod, n)]
            if 'exports' not in d: continue
        if body: cells.append({**cell, 'source': body})
    return {**nb, 'cells': cells}

def render_notebook_page(app, docname, source):
    if docname.startswith('nbs/') and app.env.doc2path(docname).suffix == '.ipynb':
        source[0] = json.dumps(notebook_page(json.loads(source[0])))

def setup(app):
    app.connect('autodoc-process-docstring', markdown_docstring)
    app.connect('source-read', render_notebook_page)
