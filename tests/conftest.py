"""`pytest --runslow` also runs the tests marked `slow` (minutes each on 2 cores); by default they are skipped, with that reason."""
import pytest


@pytest.fixture(autouse=True)
def grouped_tests_share_a_worker(request):
    """Under `pytest -n 2 --dist loadgroup`, pytest-xdist sends the tests of an `xdist_group` (files whose module fixtures,
    such as a local Ray, are built once) to one worker by the group it appends to their ids. pytest 9.2 drops that
    suffix silently (its node ids no longer read xdist 3.8's `_nodeid`), which splits the groups and builds each fixture
    on both workers; settings.ini pins pytest<9.2, and every grouped test fails here if the grouping is lost again."""
    mark = request.node.get_closest_marker('xdist_group')
    if mark and getattr(request.config.option, 'loadgroup', False):
        assert request.node.nodeid.endswith('@' + mark.args[0]), f'{request.node.nodeid}: not grouped (pytest {pytest.__version__})'


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
