"""Packaging for dd_offline, driven by settings.ini (nbdev 2 layout, without pkg_resources)."""
from configparser import ConfigParser
from pathlib import Path
import setuptools

here = Path(__file__).parent
config = ConfigParser(delimiters=['='])
config.read(here/'settings.ini', encoding='utf-8')
cfg = config['DEFAULT']

requirements = cfg.get('requirements', '').split()
dev_requirements = cfg.get('dev_requirements', '').split()
console_scripts = cfg.get('console_scripts', '').split()
# optional extras: `<name>_requirements = ...` in settings.ini gives `pip install dd_offline[<name>]`
extras = {k[:-len('_requirements')]: cfg[k].split() for k in cfg if k.endswith('_requirements') and k not in ('requirements', 'dev_requirements')}
readme = here/'README.md'

setuptools.setup(
    name=cfg['lib_name'],
    version=cfg['version'],
    description=cfg['description'],
    long_description=readme.read_text(encoding='utf-8') if readme.exists() else cfg['description'],
    long_description_content_type='text/markdown',
    author=cfg['author'],
    author_email=cfg['author_email'],
    license='Apache-2.0',
    url=cfg['git_url'],
    keywords=cfg['keywords'],
    python_requires='>=' + cfg['min_python'],
    packages=setuptools.find_packages(include=[cfg['lib_name'], cfg['lib_name'] + '.*']),
    include_package_data=True,
    package_data={cfg['lib_name']: ['experts/*.pt', 'experts/*.json', 'experts/*.csv', 'experts/*.md', 'experts/*.png']},
    install_requires=requirements,
    extras_require={'dev': dev_requirements, **extras},
    entry_points={'console_scripts': console_scripts, 'nbdev': [f"{cfg['lib_name']}={cfg['lib_name']}._modidx:d"]},
    zip_safe=False,
)
