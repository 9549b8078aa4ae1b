"""The documentation site as a reader meets it: built from the repository with one command (`python -m sphinx -b html
-c docs . _site`), served on localhost, and every page opened in headless Chromium (Debian's, via Playwright). A page
fails on a console error, an image that does not render, an internal link to a page or file that is not there, or a
request that leaves the local server (the site must work offline: no font, script or style from a CDN). The checker
itself is checked on a page broken on purpose. Slow (about two minutes); `.ci/run` runs it after the test command.
Skipped where Chromium or Playwright is missing, except with CI=true, where that fails."""
import functools, http.server, os, subprocess, sys, threading
from pathlib import Path
from urllib.parse import urljoin, urlparse, unquote
import pytest
from test_browser import CHROMIUM, CHROMIUM_FLAGS, MISSING, IN_CI, playwright

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def browser_present():
    if MISSING and IN_CI: pytest.fail(f'{MISSING}, and CI=true: the docs test must run in CI', pytrace=False)
    if MISSING: pytest.skip(MISSING)


def build_site(out: Path) -> Path:
    "The site, built the way docs/conf.py says; a build error or warning fails here with Sphinx's own words."
    r = subprocess.run([sys.executable, '-m', 'sphinx', '-b', 'html', '-c', 'docs', '-q', '-W', '--keep-going', '.', str(out)],
                       cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr[-3000:]
    return out


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *a): pass


@pytest.fixture
def served():
    "serve(folder) -> the base URL of a local HTTP server over `folder`, stopped after the test."
    servers = []
    def serve(folder: Path) -> str:
        handler = functools.partial(QuietHandler, directory=str(folder))
        srv = http.server.ThreadingHTTPServer(('127.0.0.1', 0), handler)
        threading.Thread(target=srv.serve_forever, daemon=True).start()
        servers.append(srv)
        return f'http://127.0.0.1:{srv.server_address[1]}/'
    yield serve
    for s in servers: s.shutdown()


def page_problems(page, url: str, site: Path, base: str) -> list[str]:
    "What is wrong with the page at `url` as a reader sees it: console errors, broken images, broken internal links, requests off the server."
    problems = []
    # a missing file is reported by its response (with its URL), not by the console's "Failed to load resource"
    page.on('console', lambda m: problems.append(f'console {m.type}: {m.text}') if m.type == 'error' and not m.text.startswith('Failed to load resource') else None)
    page.on('response', lambda r: problems.append(f'{r.status} for {r.url}') if r.status >= 400 and not r.url.endswith('/favicon.ico') else None)
    page.on('pageerror', lambda e: problems.append(f'page error: {e}'))
    page.on('request', lambda r: problems.append(f'request off the local server: {r.url}')
            if not r.url.startswith(base) and not r.url.startswith(('data:', 'blob:', 'about:')) else None)
    page.goto(url, wait_until='networkidle')
    for src in page.eval_on_selector_all('img', '(els) => els.filter(e => !(e.complete && e.naturalWidth > 0)).map(e => e.src)'):
        problems.append(f'image does not render: {src}')
    for href in page.eval_on_selector_all('a[href]', '(els) => els.map(e => e.href)'):
        if not href.startswith(base): continue
        target = site/unquote(urlparse(href).path)[len(urlparse(base).path):]
        if target.is_dir(): target = target/'index.html'
        if not target.exists(): problems.append(f'broken internal link: {href}')
    return problems


def check_pages(site: Path, base: str, pages: list[Path]) -> dict:
    "{page: its problems} for the pages that have any."
    out = {}
    with playwright.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS, headless=True)
        for p in pages:
            page = browser.new_page()
            problems = page_problems(page, urljoin(base, str(p.relative_to(site))), site, base)
            page.close()
            if problems: out[str(p.relative_to(site))] = problems
        browser.close()
    return out


def test_the_checker_finds_what_is_broken(tmp_path, served):
    "A page with a missing image, a dead internal link, a script error and a request to another host: each is named."
    (tmp_path/'ok.html').write_text('<p>fine</p>')
    (tmp_path/'broken.html').write_text('<img src="missing.png"><a href="nowhere.html">x</a><a href="ok.html">ok</a>'
                                        '<script>undefinedFunction()</script><link rel="stylesheet" href="http://192.0.2.1/x.css">')
    base = served(tmp_path)
    found = check_pages(tmp_path, base, [tmp_path/'ok.html', tmp_path/'broken.html'])
    assert list(found) == ['broken.html'], found
    text = '\n'.join(found['broken.html'])
    for what in ('image does not render', 'broken internal link', 'nowhere.html', 'undefinedFunction', 'request off the local server: http://192.0.2.1/x.css'):
        assert what in text, (what, text)


@pytest.mark.slow   # about two minutes: the whole site built, then every page opened
def test_every_page_of_the_site_loads_cleanly(tmp_path, served):
    site = build_site(tmp_path/'site')
    pages = sorted(p for p in site.rglob('*.html') if '_static' not in p.parts and '_sources' not in p.parts)
    names = {str(p.relative_to(site)) for p in pages}
    assert {'docs/index.html', 'README.html', 'docs/api.html', 'nbs/08_distill.html', 'nbs/tutorial_starpilot.html',
            'benchmarks/README.html'} <= names, sorted(names)[:20]
    assert 'make_set' in (site/'docs'/'api.html').read_text()                 # the API page holds the exported functions
    assert not check_pages(site, served(site), pages)
