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


def pytest_runtest_logstart(nodeid, location):
    "With DD_TEST_TIMELINE=FILE, each test's start and end times (and its xdist worker) are appended to FILE, to see how the workers share the run."
    _timeline('start', nodeid)


def pytest_runtest_logfinish(nodeid, location):
    _timeline('end', nodeid)


def _timeline(event: str, nodeid: str):
    import os, time
    path = os.environ.get('DD_TEST_TIMELINE')
    if path:
        with open(path, 'a') as f: f.write(f"{time.time():.2f}\t{os.environ.get('PYTEST_XDIST_WORKER', 'main')}\t{event}\t{nodeid}\n")
