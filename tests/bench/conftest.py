"""A tiny benchmark dataset (5 % of the real one), made once for these tests."""
import pytest
from webtest import TestApp

from roundtable.bench import dataset, portal

SCALE = 0.05


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    directory = tmp_path_factory.mktemp("bench")
    info = dataset.generate(directory, scale=SCALE)
    return directory, info


@pytest.fixture(scope="module")
def bench_app(tiny):
    """The Roundtable app with the benchmark's settings on the tiny dataset."""
    app = portal.make_app(tiny[0], 6543)
    yield app
    app.registry._zodb_databases[""].close()


@pytest.fixture(scope="module")
def browser_client(bench_app):
    return TestApp(bench_app, extra_environ={"HTTP_HOST": "127.0.0.1:6543"})
