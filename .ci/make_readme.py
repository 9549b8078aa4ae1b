"""Build README.md from nbs/index.ipynb with nbconvert (nbdev_readme needs Quarto). `--check` fails if README.md is stale.
Images the notebook links as `images/x.png` (relative to nbs/) are linked as `nbs/images/x.png` from the repository root."""
import re, subprocess, sys, tempfile
from pathlib import Path

root = Path(__file__).resolve().parent.parent

def render() -> str:
    with tempfile.TemporaryDirectory() as d:
        subprocess.run([sys.executable, '-m', 'nbconvert', '--to', 'markdown', '--output-dir', d, '--output', 'README',
                        str(root/'nbs'/'index.ipynb')], check=True, capture_output=True)
        text = (Path(d)/'README.md').read_text()
    note = '<!-- generated from nbs/index.ipynb by .ci/make_readme.py: edit the notebook, not this file -->\n'
    text = re.sub(r'\]\((images/[^)]+)\)', r'](nbs/\1)', text)
    return note + text.strip() + '\n'

if __name__ == '__main__':
    readme, text = root/'README.md', render()
    if '--check' in sys.argv:
        if not readme.exists() or readme.read_text() != text:
            sys.exit('README.md is not what nbs/index.ipynb generates: run python .ci/make_readme.py')
        print('README.md is current')
    else:
        readme.write_text(text); print('wrote', readme)
