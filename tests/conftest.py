"""`pytest --runslow` also runs the tests marked `slow` (minutes each on 2 cores); by default they are skipped, with that reason."""
import pytest


def pytest_addoption(parser):
    parser.addoption('--runslow', action='store_true', default=False, help='also run tests marked slow')


def pytest_configure(config):
    config.addinivalue_line('markers', 'slow: takes minutes on a 2-core CPU; run with --runslow')


def pytest_collection_modifyitems(config, items):
    if config.getoption('--runslow'): return
    skip = pytest.mark.skip(reason='slow (minutes on 2 cores): run with pytest --runslow')
    for item in items:
        if 'slow' in item.keywords: item.add_marker(skip)
